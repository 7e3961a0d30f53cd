import type { OutboxEventMessage } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EventContext } from './notification-texts';

const num = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
};
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Loads what an event's notification texts name (titles, agencies, people): a few queries per event. */
@Injectable()
export class EventContextLoader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(event: OutboxEventMessage): Promise<EventContext> {
    const p = event.payload;
    // forum events name the thread; the others a replication or an innovation
    const forum = event.type.startsWith('forum.');
    const ctx: EventContext = {
      replicationId: forum ? undefined : num(p['replicationId']),
      from: str(p['from']) ?? null,
      to: str(p['to']),
      months: num(p['months']),
      threadId: num(p['threadId']),
      postId: num(p['postId']),
      reason: str(p['reason']) ?? str(p['hiddenReason']),
      flagCount: num(p['openFlagCount']),
      innovationTitle: forum ? undefined : str(p['title']),
      innovationSlug: forum ? undefined : str(p['slug']),
    };
    if (event.actorUserId !== null) {
      const [actor] = await this.dataSource.query<Array<{ name: string }>>(
        'SELECT name FROM user WHERE id = ?',
        [event.actorUserId],
      );
      ctx.actorName = actor?.name;
    }
    if (ctx.replicationId !== undefined) {
      const [row] = await this.dataSource.query<
        Array<{ title: string; slug: string; adopter: string; origin: string }>
      >(
        `SELECT i.title, i.slug, COALESCE(a.short_name, a.name) AS adopter, COALESCE(o.short_name, o.name) AS origin
           FROM replication r
           JOIN innovation i ON i.id = r.innovation_id
           JOIN agency a ON a.id = r.adopter_agency_id
           JOIN agency o ON o.id = r.origin_agency_id
          WHERE r.id = ?`,
        [ctx.replicationId],
      );
      if (row) {
        ctx.innovationTitle = row.title;
        ctx.innovationSlug = row.slug;
        ctx.adopterName = row.adopter;
        ctx.originName = row.origin;
      }
    } else if (!forum && num(p['innovationId']) !== undefined) {
      const [row] = await this.dataSource.query<Array<{ title: string; slug: string; origin: string }>>(
        `SELECT i.title, i.slug, COALESCE(o.short_name, o.name) AS origin
           FROM innovation i JOIN agency o ON o.id = i.origin_agency_id
          WHERE i.id = ?`,
        [num(p['innovationId'])],
      );
      if (row) {
        ctx.innovationTitle = row.title;
        ctx.innovationSlug = row.slug;
        ctx.originName = row.origin;
      }
    }
    if (ctx.threadId !== undefined) {
      const [thread] = await this.dataSource.query<Array<{ title: string }>>(
        'SELECT title FROM thread WHERE id = ?',
        [ctx.threadId],
      );
      ctx.threadTitle = thread?.title;
    }
    return ctx;
  }
}
