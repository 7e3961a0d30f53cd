import { LIVE_STATES, type SpreadRowResult, type StatusCount } from './spread-types';

/** Accumulates counts by key into result rows. */
export class SpreadRows {
  private readonly rows = new Map<string, SpreadRowResult>();

  private row(key: string): SpreadRowResult {
    let row = this.rows.get(key);
    if (!row) {
      row = {
        key,
        label: key,
        replications: 0,
        replicated: 0,
        adopterAgencies: 0,
        innovationsReplicated: 0,
        byStatus: [],
      };
      this.rows.set(key, row);
    }
    return row;
  }

  addStatus(key: string, status: string, count: number): void {
    if (count === 0) return;
    const row = this.row(key);
    row.replications += count;
    if (LIVE_STATES.has(status)) row.replicated += count;
    const existing = row.byStatus.find((s) => s.status === status);
    if (existing) existing.count += count;
    else row.byStatus.push({ status, count });
  }

  setDistinct(key: string, kind: 'A' | 'I', count: number): void {
    if (!this.rows.has(key) && count === 0) return;
    const row = this.row(key);
    if (kind === 'A') row.adopterAgencies = count;
    else row.innovationsReplicated = count;
  }

  keys(): string[] {
    return [...this.rows.keys()];
  }

  /** Rows with replications, labelled, ordered by `order` (most replications first by default). */
  result(
    labels: Map<string, string>,
    order?: (a: SpreadRowResult, b: SpreadRowResult) => number,
  ): SpreadRowResult[] {
    const rows = [...this.rows.values()].filter((r) => r.replications > 0);
    for (const row of rows) {
      row.label = labels.get(row.key) ?? row.key;
      row.byStatus.sort((a: StatusCount, b: StatusCount) => a.status.localeCompare(b.status));
    }
    return rows.sort(order ?? ((a, b) => b.replications - a.replications || a.key.localeCompare(b.key)));
  }

  /** One row (the total), zeros when empty. */
  single(key: string, label: string): SpreadRowResult {
    const row = this.rows.get(key) ?? this.row(key);
    row.label = label;
    row.byStatus.sort((a, b) => a.status.localeCompare(b.status));
    return row;
  }
}
