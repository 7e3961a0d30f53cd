import { ReplicationAction, ReplicationRelation, ReplicationStatus } from '@jipp/replications';
import {
  cumulativeOf,
  pickCumulative,
  type PlannedAgency,
  type PlannedInnovation,
  SAME_ISLAND_AFFINITY,
  SAME_PROVINCE_AFFINITY,
} from './innovation-plan';
import { type PathStep, walkReplication } from './replication-path';
import { DAY_MS, HOUR_MS, officeTime } from './scale-time';
import { type Random, randomFor, STREAM } from './seeded-random';

/** Codes of the typed arrays below: positions in these lists. */
export const ACTION_CODES: ReadonlyArray<ReplicationAction | null> = [
  null,
  ...Object.values(ReplicationAction),
];
export const STATUS_CODES: readonly ReplicationStatus[] = Object.values(ReplicationStatus);
export const RELATION_CODES: readonly ReplicationRelation[] = Object.values(ReplicationRelation);
const actionCode = new Map(ACTION_CODES.map((action, i) => [action, i]));
const statusCode = new Map(STATUS_CODES.map((status, i) => [status, i]));
const relationCode = new Map(RELATION_CODES.map((relation, i) => [relation, i]));
const IMPLEMENTED_CODE = statusCode.get(ReplicationStatus.IMPLEMENTED)!;

/**
 * A million replications and their events, as columns (typed arrays) rather than objects: the plan
 * fits in a few hundred MB. Replication `i` (plan order: by innovation) has the events
 * `firstEvent[i]` to `firstEvent[i + 1] - 1`; `order` lists the plan indices by request time, and
 * a replication's id is the first free id plus its `rank`, so that ids follow time as in real use.
 */
export interface ReplicationPlan {
  count: number;
  innovation: Int32Array;
  adopter: Uint16Array;
  /** An agency index, or -1. */
  facilitator: Int16Array;
  /** The plan index of the replication it copies, or -1 when copied from the origin. */
  source: Int32Array;
  firstEvent: Int32Array;
  eventCount: number;
  eventAt: Float64Array;
  eventAction: Uint8Array;
  eventTo: Uint8Array;
  eventBy: Uint8Array;
  order: Uint32Array;
  rank: Int32Array;
}

export interface ReplicationPlanInput {
  agencies: readonly PlannedAgency[];
  innovations: readonly PlannedInnovation[];
  seed: number;
  asOf: number;
  stallAfterDays: number;
}

/** Mean days from publication to a request: most requests come in the first years. */
const REQUEST_MEAN_DAYS = 600;
/** Chance that an adopter copies an implemented replica rather than the origin, when there is one. */
const COPY_OF_COPY = 0.22;
/** Above this many adopters, sample them all at once (weighted sampling without replacement). */
const REJECTION_LIMIT = 120;

export function planReplications(input: ReplicationPlanInput): ReplicationPlan {
  const { agencies, innovations, seed, asOf } = input;
  const total = innovations.reduce((sum, i) => sum + i.replications, 0);
  const plan = emptyPlan(total);
  const adopterPools = adopterPoolsByProvince(agencies);
  const governmentOf = new Map(
    agencies
      .map((a, i) => [a, i] as const)
      .filter(([a]) => a.regionCode === a.provinceCode)
      .map(([a, i]) => [a.provinceCode, i]),
  );
  const implementedAt = new Float64Array(total).fill(Number.NaN);
  const taken = new Int32Array(agencies.length).fill(-1);
  let next = 0;

  for (const innovation of innovations) {
    const n = innovation.replications;
    if (n === 0) continue;
    const random = randomFor(seed, STREAM.ADOPTERS, innovation.index);
    const adopters = sampleAdopters(n, innovation, agencies, adopterPools, taken, random);
    const published = innovation.publishedAt!;
    const end = (innovation.archivedAt ?? asOf) - HOUR_MS;
    const times: number[] = [];
    for (let k = 0; k < n; k++) times.push(requestTime(published, end, asOf, random));
    times.sort((a, b) => a - b);

    const first = next;
    for (let k = 0; k < n; k++, next++) {
      const adopter = adopters[k]!;
      const agency = agencies[adopter]!;
      const requestedAt = times[k]!;
      plan.innovation[next] = innovation.index;
      plan.adopter[next] = adopter;
      plan.source[next] = pickSource(
        first,
        next,
        requestedAt,
        adopter,
        agencies,
        plan,
        implementedAt,
        random,
      );
      const government = governmentOf.get(agency.provinceCode);
      plan.facilitator[next] =
        government !== undefined &&
        government !== adopter &&
        government !== innovation.origin &&
        random.chance(agency.inHub ? 0.2 : 0.06)
          ? government
          : -1;
      const steps = walkReplication(
        { requestedAt, asOf, stallAfterDays: input.stallAfterDays, inHub: agency.inHub },
        randomFor(seed, STREAM.REPLICATIONS, next),
      );
      plan.firstEvent[next] = plan.eventCount;
      ensureEventRoom(plan, steps.length);
      for (const step of steps) {
        const e = plan.eventCount++;
        plan.eventAt[e] = step.at;
        plan.eventAction[e] = actionCode.get(step.action)!;
        plan.eventTo[e] = statusCode.get(step.to)!;
        plan.eventBy[e] = relationCode.get(step.by)!;
        if (plan.eventTo[e] === IMPLEMENTED_CODE) implementedAt[next] = step.at;
      }
    }
  }
  plan.firstEvent[total] = plan.eventCount;

  const requested = (i: number): number => plan.eventAt[plan.firstEvent[i]!]!;
  plan.order = new Uint32Array(total).map((_, i) => i).sort((a, b) => requested(a) - requested(b) || a - b);
  plan.order.forEach((i, position) => (plan.rank[i] = position));
  return plan;
}

const NETWORK_START = Date.UTC(2014, 0, 1);

/**
 * When a request for an innovation published at `published` comes: most in its first years, and more
 * in recent years than long ago (the network grew), in office hours; never after `end`.
 */
function requestTime(published: number, end: number, asOf: number, random: Random): number {
  let raw = 0;
  for (let attempt = 0; attempt < 20; attempt++) {
    raw =
      published + DAY_MS + random.truncatedExponential(REQUEST_MEAN_DAYS * DAY_MS, end - published - DAY_MS);
    const growth = 0.1 + 0.9 * Math.pow((raw - NETWORK_START) / (asOf - NETWORK_START), 2.5);
    if (random.chance(growth)) break;
  }
  const office = officeTime(raw, 0, random);
  return office <= end ? office : raw;
}

function emptyPlan(total: number): ReplicationPlan {
  const events = Math.max(16, total * 6);
  return {
    count: total,
    innovation: new Int32Array(total),
    adopter: new Uint16Array(total),
    facilitator: new Int16Array(total),
    source: new Int32Array(total),
    firstEvent: new Int32Array(total + 1),
    eventCount: 0,
    eventAt: new Float64Array(events),
    eventAction: new Uint8Array(events),
    eventTo: new Uint8Array(events),
    eventBy: new Uint8Array(events),
    order: new Uint32Array(0),
    rank: new Int32Array(total),
  };
}

function ensureEventRoom(plan: ReplicationPlan, more: number): void {
  if (plan.eventCount + more <= plan.eventAt.length) return;
  const size = Math.ceil((plan.eventAt.length + more) * 1.5);
  const grow = <T extends Float64Array | Uint8Array>(old: T, make: (n: number) => T): T => {
    const bigger = make(size);
    bigger.set(old);
    return bigger;
  };
  plan.eventAt = grow(plan.eventAt, (n) => new Float64Array(n));
  plan.eventAction = grow(plan.eventAction, (n) => new Uint8Array(n));
  plan.eventTo = grow(plan.eventTo, (n) => new Uint8Array(n));
  plan.eventBy = grow(plan.eventBy, (n) => new Uint8Array(n));
}

/** Per province of origin: every agency's weight as an adopter of that province's innovations. */
function adopterPoolsByProvince(
  agencies: readonly PlannedAgency[],
): Map<string, { weights: Float64Array; cumulative: Float64Array }> {
  const pools = new Map<string, { weights: Float64Array; cumulative: Float64Array }>();
  for (const province of new Set(agencies.map((a) => a.provinceCode))) {
    const island = agencies.find((a) => a.provinceCode === province)!.island;
    const weights = Float64Array.from(
      agencies,
      (a) =>
        a.adopterWeight *
        (a.provinceCode === province
          ? SAME_PROVINCE_AFFINITY
          : a.island === island
            ? SAME_ISLAND_AFFINITY
            : 1),
    );
    pools.set(province, { weights, cumulative: cumulativeOf(weights) });
  }
  return pools;
}

/**
 * `n` distinct adopters other than the origin, likelier near it: one by one while few are needed,
 * else all at once by weighted sampling without replacement (Efraimidis-Spirakis keys).
 */
function sampleAdopters(
  n: number,
  innovation: PlannedInnovation,
  agencies: readonly PlannedAgency[],
  pools: ReadonlyMap<string, { weights: Float64Array; cumulative: Float64Array }>,
  taken: Int32Array,
  random: Random,
): number[] {
  const pool = pools.get(agencies[innovation.origin]!.provinceCode)!;
  const stamp = innovation.index;
  taken[innovation.origin] = stamp;
  const chosen: number[] = [];
  if (n <= REJECTION_LIMIT) {
    for (let attempts = 0; chosen.length < n && attempts < 50 * n; attempts++) {
      const candidate = pickCumulative(pool.cumulative, random);
      if (taken[candidate] === stamp) continue;
      taken[candidate] = stamp;
      chosen.push(candidate);
    }
    if (chosen.length === n) return chosen;
  }
  const keys = agencies
    .map((_, i) => ({
      i,
      key: taken[i] === stamp ? Infinity : -Math.log(1 - random.next()) / pool.weights[i]!,
    }))
    .filter((entry) => entry.key !== Infinity)
    .sort((a, b) => a.key - b.key || a.i - b.i);
  for (const { i } of keys.slice(0, n - chosen.length)) {
    taken[i] = stamp;
    chosen.push(i);
  }
  if (chosen.length !== n)
    throw new Error(`innovation ${innovation.index}: ${n} adopters wanted, ${chosen.length} found`);
  return chosen;
}

/**
 * Whether the new replication copies one of the innovation's replicas implemented at least a day
 * before its request (lineage), and which: nearby ones are likelier.
 */
function pickSource(
  first: number,
  current: number,
  requestedAt: number,
  adopter: number,
  agencies: readonly PlannedAgency[],
  plan: ReplicationPlan,
  implementedAt: Float64Array,
  random: Random,
): number {
  if (!random.chance(COPY_OF_COPY)) return -1;
  const agency = agencies[adopter]!;
  const candidates: Array<readonly [number, number]> = [];
  for (let j = first; j < current; j++) {
    if (!(implementedAt[j]! <= requestedAt - DAY_MS)) continue;
    const other = agencies[plan.adopter[j]!]!;
    const weight = other.provinceCode === agency.provinceCode ? 6 : other.island === agency.island ? 2 : 1;
    candidates.push([j, weight]);
  }
  return candidates.length ? random.weighted(candidates) : -1;
}

/** The steps of replication `i` of the plan, as the path walk made them. */
export function stepsOf(plan: ReplicationPlan, i: number): PathStep[] {
  const steps: PathStep[] = [];
  let from: ReplicationStatus | null = null;
  for (let e = plan.firstEvent[i]!; e < plan.firstEvent[i + 1]!; e++) {
    const to = STATUS_CODES[plan.eventTo[e]!]!;
    steps.push({
      action: ACTION_CODES[plan.eventAction[e]!] ?? null,
      from,
      to,
      at: plan.eventAt[e]!,
      by: RELATION_CODES[plan.eventBy[e]!]!,
    });
    from = to;
  }
  return steps;
}

/** How many replications of the plan end in each state. */
export function statusCounts(plan: ReplicationPlan): Map<ReplicationStatus, number> {
  const counts = new Map<ReplicationStatus, number>();
  for (let i = 0; i < plan.count; i++) {
    const status = STATUS_CODES[plan.eventTo[plan.firstEvent[i + 1]! - 1]!]!;
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return counts;
}
