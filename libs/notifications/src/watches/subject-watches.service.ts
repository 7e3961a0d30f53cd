import { Agency } from '@jipp/agencies';
import { AppError, type AuthUser } from '@jipp/core';
import { ForumAccess, type Thread } from '@jipp/forum';
import { Replication } from '@jipp/replications';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** What can be watched here (innovations are watched in the catalogue, where watching is a funnel step). */
export enum WatchedSubject {
  REPLICATION = 'REPLICATION',
  THREAD = 'THREAD',
  AGENCY = 'AGENCY',
}

const TABLES: Record<WatchedSubject, { table: string; column: string }> = {
  [WatchedSubject.REPLICATION]: { table: 'replication_watch', column: 'replication_id' },
  [WatchedSubject.THREAD]: { table: 'thread_watch', column: 'thread_id' },
  [WatchedSubject.AGENCY]: { table: 'agency_watch', column: 'agency_id' },
};

/**
 * Watching replications, threads and agencies. Who may watch a thing is who may read it: any
 * signed-in user for a replication or an agency, the thread's readers for a thread (others get
 * NOT_FOUND, as when reading it). Watching twice, or unwatching what one does not watch, changes nothing.
 */
@Injectable()
export class SubjectWatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forumAccess: ForumAccess,
  ) {}

  async watchReplication(user: AuthUser, replicationId: number): Promise<Replication> {
    const replication = await this.dataSource.getRepository(Replication).findOneBy({ id: replicationId });
    if (!replication) throw AppError.notFound('Replication', replicationId);
    await this.add(WatchedSubject.REPLICATION, user.id, replicationId);
    return replication;
  }

  async watchThread(user: AuthUser, threadId: number): Promise<Thread> {
    const thread = await this.forumAccess.readable(user, threadId);
    await this.add(WatchedSubject.THREAD, user.id, threadId);
    return thread;
  }

  async watchAgency(user: AuthUser, agencyId: number): Promise<Agency> {
    const agency = await this.dataSource.getRepository(Agency).findOneBy({ id: agencyId });
    if (!agency) throw AppError.notFound('Agency', agencyId);
    await this.add(WatchedSubject.AGENCY, user.id, agencyId);
    return agency;
  }

  async unwatch(subject: WatchedSubject, user: AuthUser, id: number): Promise<void> {
    const { table, column } = TABLES[subject];
    await this.dataSource.query(`DELETE FROM ${table} WHERE ${column} = ? AND user_id = ?`, [id, user.id]);
  }

  /** Which of these subjects the user watches (for a DataLoader). */
  async watchedAmong(subject: WatchedSubject, userId: number, ids: readonly number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const { table, column } = TABLES[subject];
    const rows = await this.dataSource.query<Array<{ id: number }>>(
      `SELECT ${column} AS id FROM ${table} WHERE user_id = ? AND ${column} IN (?)`,
      [userId, [...ids]],
    );
    return new Set(rows.map((r) => Number(r.id)));
  }

  private async add(subject: WatchedSubject, userId: number, id: number): Promise<void> {
    const { table, column } = TABLES[subject];
    await this.dataSource.query(`INSERT IGNORE INTO ${table} (${column}, user_id) VALUES (?, ?)`, [
      id,
      userId,
    ]);
  }
}
