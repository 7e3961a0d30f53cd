import { AppError } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ANALYTICS_CONNECTION } from '../analytics-connection';

export interface HubWeekResult {
  weekStart: string;
  newReplications: number;
  transitions: number;
  stalled: number;
  forumPosts: number;
}

export interface HubActivityResult {
  hubId: number;
  hubName: string;
  from: string;
  to: string;
  weeks: HubWeekResult[];
}

/** At most two years of weeks per answer. */
export const MAX_HUB_ACTIVITY_WEEKS = 106;
const DAY = 86_400_000;

function parseDay(value: string, field: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) {
    throw AppError.badInput(`${field} must be a date YYYY-MM-DD.`, [
      { field, message: 'not a date YYYY-MM-DD' },
    ]);
  }
  return time;
}

const mondayOf = (time: number): number => time - ((new Date(time).getUTCDay() + 6) % 7) * DAY;
const iso = (time: number): string => new Date(time).toISOString().slice(0, 10);

/** A hub's weeks: new replications, steps taken, stalls, forum posts; every week, zeros included. */
@Injectable()
export class HubActivityService {
  constructor(@InjectDataSource(ANALYTICS_CONNECTION) private readonly db: DataSource) {}

  async activity(hubId: number, from: string, to: string): Promise<HubActivityResult> {
    const start = mondayOf(parseDay(from, 'from'));
    const end = parseDay(to, 'to');
    if (end < start) throw AppError.badInput('to is before from.', [{ field: 'to', message: 'before from' }]);
    const weeks = Math.floor((end - start) / (7 * DAY)) + 1;
    if (weeks > MAX_HUB_ACTIVITY_WEEKS) {
      throw AppError.badInput(`At most ${MAX_HUB_ACTIVITY_WEEKS} weeks at once; this range has ${weeks}.`, [
        { field: 'to', message: `more than ${MAX_HUB_ACTIVITY_WEEKS} weeks after from` },
      ]);
    }
    const [hub] = (await this.db.query('SELECT name FROM network WHERE id = ?', [hubId])) as Array<{
      name: string;
    }>;
    if (!hub) throw AppError.notFound('Hub', hubId);
    const rows = (await this.db.query(
      `SELECT DATE_FORMAT(week_start, '%Y-%m-%d') AS week, new_replications, transitions, stalled, forum_posts
         FROM analytics_hub_week WHERE hub_id = ? AND week_start BETWEEN ? AND ?`,
      [hubId, iso(start), iso(end)],
    )) as Array<Record<string, unknown>>;
    const byWeek = new Map(rows.map((r) => [String(r['week']), r]));
    return {
      hubId,
      hubName: hub.name,
      from,
      to,
      weeks: Array.from({ length: weeks }, (_, n) => {
        const weekStart = iso(start + n * 7 * DAY);
        const r = byWeek.get(weekStart);
        return {
          weekStart,
          newReplications: Number(r?.['new_replications'] ?? 0),
          transitions: Number(r?.['transitions'] ?? 0),
          stalled: Number(r?.['stalled'] ?? 0),
          forumPosts: Number(r?.['forum_posts'] ?? 0),
        };
      }),
    };
  }
}
