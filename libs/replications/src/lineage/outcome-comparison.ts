import type { OutcomeUnit } from '../outcomes/outcome-unit';

/** What the comparison needs of an outcome row. */
export interface ComparedOutcomeInput {
  id: number;
  replicationId: number | null;
  indicator: string;
  unit: OutcomeUnit;
  baselineValue: number;
  baselineDate: string;
  latestValue: number | null;
  latestDate: string | null;
  source: string | null;
}

/** One side's figures, with the change from baseline to latest. */
export interface OutcomeFigures {
  outcomeId: number;
  baselineValue: number;
  baselineDate: string;
  latestValue: number | null;
  latestDate: string | null;
  source: string | null;
  /** latest − baseline; null until a latest value is reported. */
  change: number | null;
  /** The change as a percentage of |baseline|; null when the baseline is 0 or there is no latest value. */
  changePercent: number | null;
}

/** A replica's figures, merged with what the caller says about the replica (adopter, status...). */
export type ReplicaOutcomeFigures<R extends object> = OutcomeFigures & R;

export interface IndicatorComparison<R extends object> {
  /** The grouping key: the indicator lower-cased with its spaces collapsed, and the unit. */
  key: string;
  /** As the origin wrote it, else as the first replica did. */
  indicator: string;
  unit: OutcomeUnit;
  /** Null when the origin reported no such indicator. */
  origin: OutcomeFigures | null;
  /** One per replication that reported the indicator, by replication id. */
  replicas: Array<ReplicaOutcomeFigures<R>>;
}

/** Indicators match whatever their case and spacing: "Waktu  layanan " is "waktu layanan". */
export function indicatorKey(indicator: string, unit: OutcomeUnit): string {
  return `${indicator.trim().replace(/\s+/g, ' ').toLowerCase()}|${unit}`;
}

const round = (value: number, places: number): number => {
  const factor = 10 ** places;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
};

/** The figures of one outcome, with its change (to 4 places, like the column) and percent (to 2). */
export function figuresOf(outcome: ComparedOutcomeInput): OutcomeFigures {
  const change = outcome.latestValue === null ? null : round(outcome.latestValue - outcome.baselineValue, 4);
  const changePercent =
    change === null || outcome.baselineValue === 0
      ? null
      : round(((outcome.latestValue! - outcome.baselineValue) / Math.abs(outcome.baselineValue)) * 100, 2);
  return {
    outcomeId: outcome.id,
    baselineValue: outcome.baselineValue,
    baselineDate: outcome.baselineDate,
    latestValue: outcome.latestValue,
    latestDate: outcome.latestDate,
    source: outcome.source,
    change,
    changePercent,
  };
}

/**
 * The origin's outcomes (no replication) and each replica's, side by side: grouped by indicator
 * (case and spacing ignored) and unit. When one side reported the same indicator twice, the latest
 * recorded row (highest id) speaks for it. Outcomes of replications not in `replications` are left
 * out; what the map holds for a replica is merged into its figures. Groups the origin reported come first in the origin's order, then the others by how many
 * replicas reported them, then by name.
 */
export function compareOutcomes<R extends object>(
  outcomes: readonly ComparedOutcomeInput[],
  replications: ReadonlyMap<number, R>,
): Array<IndicatorComparison<R>> {
  const sorted = [...outcomes].sort((a, b) => a.id - b.id);
  const groups = new Map<
    string,
    {
      indicator: string;
      unit: OutcomeUnit;
      /** The id of the origin's first row of this indicator: the origin's order. */
      originFirst: number | null;
      origin: ComparedOutcomeInput | null;
      replicas: Map<number, ComparedOutcomeInput>;
    }
  >();
  for (const outcome of sorted) {
    if (outcome.replicationId !== null && !replications.has(outcome.replicationId)) continue;
    const key = indicatorKey(outcome.indicator, outcome.unit);
    let group = groups.get(key);
    if (!group) {
      group = {
        indicator: outcome.indicator.trim().replace(/\s+/g, ' '),
        unit: outcome.unit,
        originFirst: null,
        origin: null,
        replicas: new Map(),
      };
      groups.set(key, group);
    }
    if (outcome.replicationId === null) {
      if (!group.origin) {
        group.indicator = outcome.indicator.trim().replace(/\s+/g, ' ');
        group.originFirst = outcome.id;
      }
      group.origin = outcome;
    } else {
      group.replicas.set(outcome.replicationId, outcome);
    }
  }

  const ordered = [...groups.entries()].sort(([keyA, a], [keyB, b]) => {
    if (a.originFirst !== null || b.originFirst !== null) {
      if (a.originFirst === null) return 1;
      if (b.originFirst === null) return -1;
      return a.originFirst - b.originFirst;
    }
    return b.replicas.size - a.replicas.size || keyA.localeCompare(keyB);
  });
  return ordered.map(([key, group]) => ({
    key,
    indicator: group.indicator,
    unit: group.unit,
    origin: group.origin ? figuresOf(group.origin) : null,
    replicas: [...group.replicas.entries()]
      .sort(([a], [b]) => a - b)
      .map(([replicationId, outcome]) => ({ ...figuresOf(outcome), ...replications.get(replicationId)! })),
  }));
}
