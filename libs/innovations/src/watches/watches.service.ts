import { AppError, type AuthUser, runInTransaction } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { canRead } from '../innovations/innovation-access';
import { Innovation } from '../innovations/innovation.entity';
import { InnovationWatch } from './innovation-watch.entity';

/**
 * Watching an innovation: the funnel's "interested". The counter on the innovation moves only when a
 * watch row is really added or removed, so repeated or concurrent calls never miscount.
 */
@Injectable()
export class WatchesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async watch(user: AuthUser, innovationId: number): Promise<void> {
    await runInTransaction(this.dataSource, async (manager) => {
      // the row lock first: the watch row's foreign-key check would otherwise take a shared lock that
      // two concurrent watchers both try to upgrade (a deadlock)
      const innovation = await manager
        .getRepository(Innovation)
        .findOne({ where: { id: innovationId }, lock: { mode: 'pessimistic_write' } });
      if (!innovation || !canRead(user, innovation)) throw AppError.notFound('Innovation', innovationId);
      const inserted: { affectedRows: number } = await manager.query(
        'INSERT IGNORE INTO innovation_watch (innovation_id, user_id) VALUES (?, ?)',
        [innovationId, user.id],
      );
      if (inserted.affectedRows === 1) {
        await manager.query('UPDATE innovation SET watcher_count = watcher_count + 1 WHERE id = ?', [
          innovationId,
        ]);
      }
    });
  }

  async unwatch(user: AuthUser, innovationId: number): Promise<void> {
    await runInTransaction(this.dataSource, async (manager) => {
      await manager
        .getRepository(Innovation)
        .findOne({ where: { id: innovationId }, lock: { mode: 'pessimistic_write' } });
      const deleted = await manager.getRepository(InnovationWatch).delete({ innovationId, userId: user.id });
      if (deleted.affected === 1) {
        await manager.query(
          'UPDATE innovation SET watcher_count = GREATEST(watcher_count, 1) - 1 WHERE id = ?',
          [innovationId],
        );
      }
    });
  }

  /** Which of these innovations the user watches. */
  async watchedAmong(userId: number, innovationIds: readonly number[]): Promise<Set<number>> {
    if (innovationIds.length === 0) return new Set();
    const rows = await this.dataSource
      .getRepository(InnovationWatch)
      .createQueryBuilder('watch')
      .select('watch.innovationId', 'innovationId')
      .where('watch.userId = :userId AND watch.innovationId IN (:...innovationIds)', {
        userId,
        innovationIds,
      })
      .getRawMany<{ innovationId: number }>();
    return new Set(rows.map((r) => Number(r.innovationId)));
  }

  /** Users watching an innovation (notifications read this). */
  async watcherIds(innovationId: number): Promise<number[]> {
    const rows = await this.dataSource.getRepository(InnovationWatch).find({
      select: { userId: true },
      where: { innovationId },
    });
    return rows.map((r) => r.userId);
  }
}
