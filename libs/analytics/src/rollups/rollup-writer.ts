import type { EntityManager } from 'typeorm';
import type { CellDelta, MemberDelta } from '../projector/fact-delta';
import { bucketChanges } from '../spread/distinct-buckets';

/** Rows per multi-row statement. */
const BATCH = 500;

function* batches<T>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}

/**
 * Applies count deltas to the rollup tables inside the caller's transaction (which holds the
 * analytics lock): cells by upsert, members by upsert with the distinct buckets they move, and
 * rows that reach zero deleted, so the tables hold exactly what a rebuild would write.
 */
export class RollupWriter {
  constructor(private readonly manager: EntityManager) {}

  async applyCells(deltas: readonly CellDelta[]): Promise<void> {
    await this.applyYearCells(deltas);
    // the same moves over all years
    const totals = new Map<string, { dim: string; key: string; status: string; delta: number }>();
    for (const d of deltas) {
      const key = `${d.dim}|${d.key}|${d.status}`;
      const total = totals.get(key) ?? { dim: d.dim, key: d.key, status: d.status, delta: 0 };
      total.delta += d.delta;
      totals.set(key, total);
    }
    const moved = [...totals.entries()]
      .filter(([, t]) => t.delta !== 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, t]) => t);
    for (const batch of batches(moved)) {
      await this.manager.query(
        `INSERT INTO analytics_spread_total (dim, dim_key, status, replications) VALUES ?
         ON DUPLICATE KEY UPDATE replications = replications + VALUES(replications)`,
        [batch.map((t) => [t.dim, t.key, t.status, t.delta])],
      );
      await this.manager.query(
        `DELETE FROM analytics_spread_total WHERE replications = 0 AND (dim, dim_key, status) IN (?)`,
        [batch.map((t) => [t.dim, t.key, t.status])],
      );
    }
  }

  private async applyYearCells(deltas: readonly CellDelta[]): Promise<void> {
    const sorted = [...deltas].sort((a, b) =>
      `${a.dim}|${a.key}|${a.year}|${a.status}`.localeCompare(`${b.dim}|${b.key}|${b.year}|${b.status}`),
    );
    for (const batch of batches(sorted)) {
      await this.manager.query(
        `INSERT INTO analytics_spread_cell (dim, dim_key, year, status, replications) VALUES ?
         ON DUPLICATE KEY UPDATE replications = replications + VALUES(replications)`,
        [batch.map((d) => [d.dim, d.key, d.year, d.status, d.delta])],
      );
      await this.manager.query(
        `DELETE FROM analytics_spread_cell WHERE replications = 0 AND (dim, dim_key, year, status) IN (?)`,
        [batch.map((d) => [d.dim, d.key, d.year, d.status])],
      );
    }
  }

  async applyMembers(deltas: readonly MemberDelta[]): Promise<void> {
    // one member of one group at a time: its years before and after say how its buckets move
    const byMember = new Map<string, MemberDelta[]>();
    for (const d of deltas) {
      const key = `${d.dim}|${d.key}|${d.kind}|${d.memberId}`;
      byMember.set(key, [...(byMember.get(key) ?? []), d]);
    }
    for (const key of [...byMember.keys()].sort()) {
      const group = byMember.get(key)!;
      const { dim, key: dimKey, kind, memberId } = group[0]!;
      const rows = (await this.manager.query(
        `SELECT year, replications FROM analytics_spread_member
          WHERE dim = ? AND dim_key = ? AND member_kind = ? AND member_id = ? FOR UPDATE`,
        [dim, dimKey, kind, memberId],
      )) as Array<{ year: number; replications: number }>;
      const counts = new Map(rows.map((r) => [Number(r.year), Number(r.replications)]));
      const before = [...counts.keys()].filter((y) => counts.get(y)! > 0);
      for (const d of group) counts.set(d.year, (counts.get(d.year) ?? 0) + d.delta);
      const after = [...counts.keys()].filter((y) => counts.get(y)! > 0);

      await this.manager.query(
        `INSERT INTO analytics_spread_member (dim, dim_key, member_kind, member_id, year, replications) VALUES ?
         ON DUPLICATE KEY UPDATE replications = replications + VALUES(replications)`,
        [group.map((d) => [dim, dimKey, kind, memberId, d.year, d.delta])],
      );
      await this.manager.query(
        `DELETE FROM analytics_spread_member
          WHERE dim = ? AND dim_key = ? AND member_kind = ? AND member_id = ? AND replications <= 0`,
        [dim, dimKey, kind, memberId],
      );
      const changes = bucketChanges(before, after);
      if (changes.length === 0) continue;
      await this.manager.query(
        `INSERT INTO analytics_spread_distinct (dim, dim_key, member_kind, bucket, year, members) VALUES ?
         ON DUPLICATE KEY UPDATE members = members + VALUES(members)`,
        [changes.map((c) => [dim, dimKey, kind, c.bucket, c.year, c.delta])],
      );
      await this.manager.query(
        `DELETE FROM analytics_spread_distinct
          WHERE dim = ? AND dim_key = ? AND member_kind = ? AND members = 0 AND (bucket, year) IN (?)`,
        [dim, dimKey, kind, changes.map((c) => [c.bucket, c.year])],
      );
    }
  }
}
