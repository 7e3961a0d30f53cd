import { dueCheckins } from '../checkins/checkin-schedule';
import { DocumentKind } from '../documents/replication-document.entity';
import { ModificationAspect } from '../modifications/modification-aspect';
import { OutcomeUnit } from '../outcomes/outcome-unit';
import {
  decideTransition,
  ReplicationAction,
  ReplicationRelation,
  ReplicationStatus,
  WORKING_STATES,
} from '../state/replication-state';
import {
  DEMO_INDICATORS,
  DEMO_MODIFICATIONS,
  type DemoIndicator,
  FALLBACK_INDICATORS,
} from './demo-indicators';

/**
 * The demo replications, planned without a database: a pure function of the innovations, the
 * agencies, the demo users, "now" and a seed. Every replication gets the history the service would
 * have written (each step allowed by the transition table, dates increasing), and the evidence its
 * steps need (modifications before MODIFYING, outcomes before IMPLEMENTED, the 12-month check-in and
 * updated outcomes before SUSTAINED).
 */

const DAY = 24 * 3600 * 1000;
const S = ReplicationStatus;
const A = ReplicationAction;

/** Ends every demo request note: how a second `seed --demo` knows the demo replications are there. */
export const DEMO_REPLICATION_MARKER = '(data demo)';
export const DEMO_REPLICATION_SEED = 20_260_404;

export interface DemoInnovationRef {
  id: number;
  slug: string;
  title: string;
  categoryCode: string;
  originAgencyId: number;
  regionCode: string;
  provinceCode: string;
  publishedAt: Date;
  launchYear: number;
}

export interface DemoAgencyRef {
  id: number;
  name: string;
  shortName: string | null;
  regionCode: string;
  provinceCode: string;
}

/** The demo accounts, so that what they see carries their names. Steps by anyone else have no actor. */
export interface DemoUserRefs {
  memberByAgency: ReadonlyMap<number, number>;
  adminByAgency: ReadonlyMap<number, number>;
  coordinatorByProvince: ReadonlyMap<string, number>;
}

export interface DemoPlanInput {
  innovations: readonly DemoInnovationRef[];
  /** Possible adopters (local governments). */
  agencies: readonly DemoAgencyRef[];
  users: DemoUserRefs;
  now: Date;
  /** The provinces of the seeded hubs: half the adopters come from them. */
  hubProvinceCodes: readonly string[];
  /** The demo users' agency: adopter of a few replications in various states, origin of a couple. */
  focusAgencyId?: number;
  seed?: number;
  /** Replications besides the scripted ones (default 320). */
  randomCount?: number;
}

export interface PlannedEvent {
  action: ReplicationAction | null;
  fromStatus: ReplicationStatus | null;
  toStatus: ReplicationStatus;
  actorUserId: number | null;
  note: string | null;
  evidenceUrl: string | null;
  occurredAt: Date;
}

export interface PlannedModification {
  aspect: ModificationAspect;
  whatChanged: string;
  why: string;
  createdByUserId: number | null;
  createdAt: Date;
}

export interface PlannedOutcome {
  indicator: string;
  unit: OutcomeUnit;
  baselineValue: number;
  baselineDate: string;
  latestValue: number | null;
  latestDate: string | null;
  source: string | null;
  createdByUserId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PlannedDocument {
  kind: DocumentKind;
  title: string;
  url: string;
  createdByUserId: number | null;
  createdAt: Date;
}

export interface PlannedCheckin {
  months: number;
  dueAt: Date;
  raisedAt: Date;
}

export interface PlannedReplication {
  /** `innovationId:adopterAgencyId`, unique in the plan. */
  key: string;
  /** 1 when copied from the origin, 2 for a copy of a copy... */
  level: number;
  sourceKey: string | null;
  innovationId: number;
  originAgencyId: number;
  adopterAgencyId: number;
  adopterRegionCode: string;
  adopterProvinceCode: string;
  facilitatorAgencyId: number | null;
  status: ReplicationStatus;
  stalledFrom: ReplicationStatus | null;
  requestNote: string;
  rejectionReason: string | null;
  noModificationNote: string | null;
  implementationDate: string | null;
  requestedAt: Date;
  approvedAt: Date | null;
  observingAt: Date | null;
  imitatingAt: Date | null;
  modifyingAt: Date | null;
  implementedAt: Date | null;
  sustainedAt: Date | null;
  closedAt: Date | null;
  stalledAt: Date | null;
  lastEventAt: Date;
  requestedByUserId: number | null;
  version: number;
  events: PlannedEvent[];
  modifications: PlannedModification[];
  outcomes: PlannedOutcome[];
  documents: PlannedDocument[];
  checkins: PlannedCheckin[];
}

export interface PlannedOriginOutcome extends PlannedOutcome {
  innovationId: number;
}

export interface DemoReplicationPlan {
  replications: PlannedReplication[];
  originOutcomes: PlannedOriginOutcome[];
}

// ------------------------------------------------------------------ randomness

/** mulberry32: a small, fast, seeded PRNG; the same seed gives the same demo. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(readonly next: () => number) {}
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  int(lo: number, hi: number): number {
    return Math.floor(this.between(lo, hi + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [item, w] of items) {
      roll -= w;
      if (roll < 0) return item;
    }
    return items[items.length - 1]![0];
  }
}

// ------------------------------------------------------------------ routes and timing

const FORWARD: readonly ReplicationAction[] = [
  A.APPROVE,
  A.START_OBSERVING,
  A.START_IMITATING,
  A.START_MODIFYING,
  A.IMPLEMENT,
  A.SUSTAIN,
];
/** How many forward steps lead to each state. */
const STEPS_TO: Partial<Record<ReplicationStatus, number>> = {
  [S.REQUESTED]: 0,
  [S.APPROVED]: 1,
  [S.OBSERVING]: 2,
  [S.IMITATING]: 3,
  [S.MODIFYING]: 4,
  [S.IMPLEMENTED]: 5,
  [S.SUSTAINED]: 6,
};

/** Days between the previous event and this step: at least `min`, plus up to `flex`. */
const GAP: Record<ReplicationAction, { min: number; flex: number }> = {
  [A.APPROVE]: { min: 2, flex: 25 },
  [A.REJECT]: { min: 2, flex: 25 },
  [A.START_OBSERVING]: { min: 5, flex: 35 },
  [A.START_IMITATING]: { min: 10, flex: 55 },
  [A.START_MODIFYING]: { min: 10, flex: 55 },
  [A.IMPLEMENT]: { min: 20, flex: 90 },
  // after the 12-month check-in (at most 366 days and a time zone away) and the outcomes' update
  [A.SUSTAIN]: { min: 375, flex: 50 },
  // the escalation job stalls after 60 idle days; a coordinator may do it sooner
  [A.STALL]: { min: 61, flex: 10 },
  [A.RESUME]: { min: 3, flex: 35 },
  [A.WITHDRAW]: { min: 3, flex: 50 },
};

/** Days from the last event to now, by the state it rests in: working ones stay under the 60-day stall. */
function idleRange(status: ReplicationStatus): { min: number; max: number } {
  if (status === S.REQUESTED) return { min: 0.3, max: 20 };
  if (WORKING_STATES.includes(status)) return { min: 0.5, max: 45 };
  if (status === S.IMPLEMENTED) return { min: 1, max: 420 };
  if (status === S.SUSTAINED || status === S.STALLED) return { min: 1, max: 150 };
  return { min: 1, max: 450 };
}

const ALL_RELATIONS = new Set(Object.values(ReplicationRelation));

/** The steps from REQUESTED to the wanted state; some take a stall-and-resume detour. */
function routeTo(status: ReplicationStatus, dice: Dice, detours = true): ReplicationAction[] {
  let route: ReplicationAction[];
  if (status === S.REJECTED) return [A.REJECT];
  if (status === S.STALLED) {
    const from = dice.pick(WORKING_STATES);
    route = [...FORWARD.slice(0, STEPS_TO[from]!), A.STALL];
  } else if (status === S.WITHDRAWN) {
    const from = dice.weighted<ReplicationStatus>([
      [S.REQUESTED, 3],
      [S.APPROVED, 2],
      [S.OBSERVING, 2],
      [S.IMITATING, 2],
      [S.MODIFYING, 1],
      [S.STALLED, 2],
    ]);
    route = [...routeTo(from, dice, false), A.WITHDRAW];
  } else {
    route = FORWARD.slice(0, STEPS_TO[status]!);
  }
  if (detours && route.length > 1 && dice.chance(0.12)) {
    // a stall and a resume after a step that leaves it working
    const statuses = statusesAlong(route);
    const places = route
      .map((_, i) => i)
      .filter(
        (i) => WORKING_STATES.includes(statuses[i + 1]!) && (i < route.length - 1 || status !== S.STALLED),
      );
    if (places.length) {
      const at = dice.pick(places);
      route.splice(at + 1, 0, A.STALL, A.RESUME);
    }
  }
  return route;
}

/** The state after each step (index 0: REQUESTED), by the transition table itself. */
function statusesAlong(route: readonly ReplicationAction[]): ReplicationStatus[] {
  const statuses: ReplicationStatus[] = [S.REQUESTED];
  let stalledFrom: ReplicationStatus | null = null;
  for (const action of route) {
    const current = statuses[statuses.length - 1]!;
    const decision = decideTransition(current, action, ALL_RELATIONS, stalledFrom);
    if (!decision.ok) throw new Error(`demo route: ${action} is not a step from ${current}`);
    stalledFrom = decision.to === S.STALLED ? current : null;
    statuses.push(decision.to);
  }
  return statuses;
}

function minSpanDays(route: readonly ReplicationAction[]): number {
  return route.reduce((sum, action) => sum + GAP[action].min, 0);
}

/**
 * The time of the request and of each step, in ms. The step at `anchorIndex` (0 = the request) falls
 * at `anchor`; earlier ones go backwards with their gaps, squeezed (never below their minimum) so
 * that the request falls after `windowStart`; later ones go forwards and must be before `latest`.
 */
function schedule(
  route: readonly ReplicationAction[],
  dice: Dice,
  window: { start: number; anchor: number; anchorIndex: number; latest: number },
): number[] | null {
  const gaps = route.map((action) => ({
    min: GAP[action].min * DAY,
    flex: GAP[action].flex * DAY * dice.next(),
  }));
  const before = gaps.slice(0, window.anchorIndex);
  const minBefore = before.reduce((sum, g) => sum + g.min, 0);
  const flexBefore = before.reduce((sum, g) => sum + g.flex, 0);
  const room = window.anchor - window.start - minBefore;
  if (room < 0) return null;
  const squeeze = flexBefore > room ? room / flexBefore : 1;
  const times = new Array<number>(route.length + 1);
  times[window.anchorIndex] = window.anchor;
  for (let i = window.anchorIndex - 1; i >= 0; i--) {
    const gap = gaps[i]!;
    times[i] = times[i + 1]! - gap.min - gap.flex * squeeze;
  }
  for (let i = window.anchorIndex + 1; i <= route.length; i++) {
    const gap = gaps[i - 1]!;
    times[i] = times[i - 1]! + gap.min + gap.flex;
  }
  if (times[0]! < window.start - 1 || times[route.length]! > window.latest) return null;
  return times.map((t) => Math.round(t / 1000) * 1000);
}

// ------------------------------------------------------------------ texts

const day = (t: number | Date): string => new Date(t).toISOString().slice(0, 10);
const nameOf = (agency: DemoAgencyRef): string => agency.shortName ?? agency.name;
const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

const REQUEST_NOTES = [
  'Masalah yang sama dialami warga kami; kami ingin mereplikasi inovasi ini.',
  'Hasil kunjungan kerja meyakinkan kami bahwa inovasi ini cocok untuk daerah kami.',
  'Kepala daerah kami meminta inovasi ini diterapkan tahun ini.',
  'Kami ingin belajar dan menerapkan inovasi ini dengan pendampingan dari daerah asal.',
  'Inovasi ini menjawab keluhan warga yang paling sering masuk ke kanal aduan kami.',
];
const REJECT_REASONS = [
  'Tim kami belum dapat mendampingi replikasi tahun ini.',
  'Prasyarat infrastruktur di daerah pemohon belum terpenuhi.',
  'Mohon lengkapi rencana kerja dan anggaran, lalu ajukan kembali.',
];
const WITHDRAW_NOTES = [
  'Anggaran dialihkan ke prioritas lain tahun ini.',
  'Pergantian pimpinan perangkat daerah; rencana ditinjau ulang.',
  'Kami memilih inovasi lain yang lebih sesuai.',
];

function noteFor(
  action: ReplicationAction,
  origin: string,
  dice: Dice,
  byCoordinator: boolean,
): string | null {
  switch (action) {
    case A.APPROVE:
      return byCoordinator
        ? 'Disetujui koordinator hub; pendampingan dari jaringan JIPP.'
        : `Disetujui. Tim ${origin} siap mendampingi.`;
    case A.REJECT:
      return dice.pick(REJECT_REASONS);
    case A.START_OBSERVING:
      return `Kunjungan belajar (amati) ke ${origin}.`;
    case A.START_IMITATING:
      return dice.pick(['Uji coba di dua kecamatan.', 'Uji coba di satu kecamatan percontohan.']);
    case A.START_MODIFYING:
      return 'Penyesuaian dengan kondisi daerah.';
    case A.IMPLEMENT:
      return dice.pick(['Diluncurkan resmi oleh kepala daerah.', 'Berlaku di seluruh kecamatan.']);
    case A.SUSTAIN:
      return 'Check-in 12 bulan: hasil terjaga, dinyatakan berkelanjutan.';
    case A.STALL:
      return byCoordinator
        ? 'Dihentikan sementara oleh koordinator: menunggu kepastian anggaran.'
        : 'Ditandai terhenti oleh sistem: tidak ada kegiatan selama 60 hari.';
    case A.RESUME:
      return 'Dilanjutkan setelah pendampingan koordinator.';
    case A.WITHDRAW:
      return dice.pick(WITHDRAW_NOTES);
  }
}

// ------------------------------------------------------------------ the planner

interface Candidate {
  innovation: DemoInnovationRef;
  adopter: DemoAgencyRef;
  level: number;
  source: PlannedReplication | null;
}

interface Want {
  status: ReplicationStatus;
  /** Where the replication's last step falls, else a random idle time before now. */
  anchor?: { time: number; index: 'IMPLEMENT' | 'LAST' };
  /** Days idle since the last step, for scripted scenes. */
  idleDays?: { min: number; max: number };
  route?: ReplicationAction[];
  /** Scripted: outcomes updated after the 12-month check-in (ready to be sustained). */
  updatedAfterYear?: boolean;
  modifications?: boolean;
}

export function planDemoReplications(input: DemoPlanInput): DemoReplicationPlan {
  const dice = new Dice(seededRandom(input.seed ?? DEMO_REPLICATION_SEED));
  const now = input.now.getTime();
  const agencies = [...input.agencies].sort(
    (a, b) => a.regionCode.localeCompare(b.regionCode) || a.id - b.id,
  );
  const agencyById = new Map(input.agencies.map((a) => [a.id, a]));
  const provinceGovernment = new Map(
    agencies.filter((a) => a.regionCode === a.provinceCode).map((a) => [a.provinceCode, a]),
  );
  const hubAgencies = agencies.filter((a) => input.hubProvinceCodes.includes(a.provinceCode));
  const innovations = input.innovations.filter((i) => i.publishedAt.getTime() < now - DAY / 4);
  const ageDays = (i: DemoInnovationRef): number => (now - i.publishedAt.getTime()) / DAY;
  const used = new Map<number, Set<number>>(innovations.map((i) => [i.id, new Set([i.originAgencyId])]));
  const planned: PlannedReplication[] = [];
  const originOf = (i: DemoInnovationRef): string => {
    const agency = agencyById.get(i.originAgencyId);
    return agency ? nameOf(agency) : 'daerah asal';
  };
  const { memberByAgency, adminByAgency, coordinatorByProvince } = input.users;
  const adopterUser = (agencyId: number): number | null =>
    memberByAgency.get(agencyId) ?? adminByAgency.get(agencyId) ?? null;

  /** Builds one replication, or null when its history does not fit in the time there is. */
  const build = (c: Candidate, want: Want): PlannedReplication | null => {
    const route = want.route ?? routeTo(want.status, dice);
    const statuses = statusesAlong(route);
    const final = statuses[statuses.length - 1]!;
    const published = c.innovation.publishedAt.getTime();
    const age = now - published;
    let start = published + Math.min(DAY, age / 4);
    if (c.source) start = Math.max(start, c.source.implementedAt!.getTime() + DAY / 2);
    const latest = now - DAY / 6;
    let window: Parameters<typeof schedule>[2];
    if (want.anchor) {
      const index = want.anchor.index === 'IMPLEMENT' ? route.indexOf(A.IMPLEMENT) + 1 : route.length;
      window = { start, anchor: Math.min(want.anchor.time, latest), anchorIndex: index, latest };
    } else {
      const idle = want.idleDays ?? idleRange(final);
      const idleDays = dice.between(idle.min, idle.max);
      let anchor = now - idleDays * DAY;
      const earliest = start + minSpanDays(route) * DAY;
      // a young innovation: rest less long rather than not at all
      if (anchor < earliest) anchor = Math.min(now - idle.min * DAY, earliest + dice.next() * DAY);
      window = { start, anchor, anchorIndex: route.length, latest };
    }
    const times = schedule(route, dice, window);
    if (!times) return null;

    const { innovation, adopter } = c;
    const origin = originOf(innovation);
    const inHub = coordinatorByProvince.has(adopter.provinceCode);
    const coordinator = coordinatorByProvince.get(adopter.provinceCode) ?? null;
    const adopterActor = adopterUser(adopter.id);
    const requestNote = `${dice.pick(REQUEST_NOTES)} ${DEMO_REPLICATION_MARKER}`;
    const evidence = (what: string): string =>
      `https://jipp.example.org/demo/bukti/${innovation.slug}/${adopter.regionCode}/${what}`;

    const r: PlannedReplication = {
      key: `${innovation.id}:${adopter.id}`,
      level: c.level,
      sourceKey: c.source?.key ?? null,
      innovationId: innovation.id,
      originAgencyId: innovation.originAgencyId,
      adopterAgencyId: adopter.id,
      adopterRegionCode: adopter.regionCode,
      adopterProvinceCode: adopter.provinceCode,
      facilitatorAgencyId: null,
      status: S.REQUESTED,
      stalledFrom: null,
      requestNote,
      rejectionReason: null,
      noModificationNote: null,
      implementationDate: null,
      requestedAt: new Date(times[0]!),
      approvedAt: null,
      observingAt: null,
      imitatingAt: null,
      modifyingAt: null,
      implementedAt: null,
      sustainedAt: null,
      closedAt: null,
      stalledAt: null,
      lastEventAt: new Date(times[0]!),
      requestedByUserId: adopterActor,
      version: 1,
      events: [
        {
          action: null,
          fromStatus: null,
          toStatus: S.REQUESTED,
          actorUserId: adopterActor,
          note: requestNote,
          evidenceUrl: null,
          occurredAt: new Date(times[0]!),
        },
      ],
      modifications: [],
      outcomes: [],
      documents: [],
      checkins: [],
    };
    const facilitator = provinceGovernment.get(adopter.provinceCode);
    if (facilitator && facilitator.id !== adopter.id && facilitator.id !== innovation.originAgencyId) {
      if (dice.chance(inHub ? 0.35 : 0.1)) r.facilitatorAgencyId = facilitator.id;
    }

    route.forEach((action, i) => {
      const at = new Date(times[i + 1]!);
      const from = statuses[i]!;
      const to = statuses[i + 1]!;
      let actor: number | null = adopterActor;
      let byCoordinator = false;
      if (action === A.APPROVE || action === A.REJECT) {
        byCoordinator =
          innovation.originAgencyId !== input.focusAgencyId &&
          inHub &&
          dice.chance(0.3) &&
          coordinator !== null;
        actor = byCoordinator ? coordinator : (adminByAgency.get(innovation.originAgencyId) ?? null);
      } else if (action === A.STALL) {
        byCoordinator = coordinator !== null && dice.chance(0.3);
        actor = byCoordinator ? coordinator : null;
      } else if (action === A.RESUME || action === A.SUSTAIN) {
        actor = coordinator;
      }
      const evidenceUrl =
        (action === A.START_OBSERVING && dice.chance(0.3)) ||
        (action === A.IMPLEMENT && dice.chance(0.6)) ||
        (action === A.SUSTAIN && dice.chance(0.5))
          ? evidence(action.toLowerCase().replace(/_/g, '-'))
          : null;
      const note = noteFor(action, origin, dice, byCoordinator);
      r.events.push({
        action,
        fromStatus: from,
        toStatus: to,
        actorUserId: actor,
        note,
        evidenceUrl,
        occurredAt: at,
      });
      // the columns the service sets on entering each state
      switch (to) {
        case S.APPROVED:
          r.approvedAt = at;
          break;
        case S.OBSERVING:
          r.observingAt = at;
          break;
        case S.IMITATING:
          r.imitatingAt = at;
          break;
        case S.MODIFYING:
          r.modifyingAt = at;
          break;
        case S.IMPLEMENTED:
          r.implementedAt = at;
          break;
        case S.SUSTAINED:
          r.sustainedAt = at;
          break;
        case S.STALLED:
          r.stalledAt = at;
          break;
        case S.REJECTED:
        case S.WITHDRAWN:
          r.closedAt = at;
          break;
      }
      r.stalledFrom = to === S.STALLED ? from : null;
      if (action === A.REJECT) r.rejectionReason = note;
      if (action === A.START_MODIFYING) {
        const imitated = r.imitatingAt!.getTime();
        if (want.modifications ?? dice.chance(0.85)) {
          const count = dice.weighted([
            [1, 5],
            [2, 3],
            [3, 1],
          ]);
          const aspects = new Set<ModificationAspect>();
          while (aspects.size < count) aspects.add(dice.pick(Object.values(ModificationAspect)));
          let k = 0;
          for (const aspect of aspects) {
            const text = dice.pick(DEMO_MODIFICATIONS[aspect]);
            k++;
            r.modifications.push({
              aspect,
              ...text,
              createdByUserId: adopterActor,
              createdAt: new Date(imitated + ((at.getTime() - imitated) * k) / (count + 1)),
            });
          }
        } else {
          r.noModificationNote = 'Kami menerapkan inovasi ini seperti aslinya: kondisi daerah kami serupa.';
        }
      }
      if (action === A.IMPLEMENT) {
        const modified = r.modifyingAt!.getTime();
        r.implementationDate = day(modified + (at.getTime() - modified) * dice.between(0.7, 1));
      }
    });
    r.status = final;
    r.lastEventAt = r.events[r.events.length - 1]!.occurredAt;
    r.version = r.events.length;

    addOutcomes(r, innovation, want, dice, now, adopterActor);
    addDocuments(r, innovation, origin, nameOf(adopter), dice, now, adopterActor);
    return r;
  };

  const pickAdopter = (innovation: DemoInnovationRef, preferHub: boolean): DemoAgencyRef | null => {
    const taken = used.get(innovation.id)!;
    for (let attempt = 0; attempt < 40; attempt++) {
      const pool = preferHub && hubAgencies.length ? hubAgencies : agencies;
      const adopter = dice.pick(pool);
      if (!taken.has(adopter.id)) return adopter;
    }
    return null;
  };

  const add = (r: PlannedReplication | null): PlannedReplication | null => {
    if (!r) return null;
    used.get(r.innovationId)!.add(r.adopterAgencyId);
    planned.push(r);
    return r;
  };

  const place = (c: Omit<Candidate, 'adopter'> & { adopter?: DemoAgencyRef }, want: Want) => {
    const adopter = c.adopter ?? pickAdopter(c.innovation, dice.chance(0.55));
    if (!adopter || used.get(c.innovation.id)!.has(adopter.id)) return null;
    return add(build({ ...c, adopter }, want));
  };

  // ---- the demo users' agency: an adopter in many states, and an origin with requests waiting
  const focus = input.focusAgencyId === undefined ? undefined : agencyById.get(input.focusAgencyId);
  if (focus) {
    const others = innovations.filter(
      (i) => i.originAgencyId !== focus.id && i.provinceCode !== focus.provinceCode,
    );
    const oldEnough = (days: number) => others.filter((i) => ageDays(i) >= days);
    const scenes: Array<{ days: number; want: Want }> = [
      // waiting for the origin's admin (or the hub coordinator) to approve
      { days: 30, want: { status: S.REQUESTED, idleDays: { min: 1, max: 3 } } },
      // approved two days ago: the demo member can START_OBSERVING
      { days: 60, want: { status: S.APPROVED, route: [A.APPROVE], idleDays: { min: 2, max: 2.5 } } },
      { days: 90, want: { status: S.OBSERVING, route: FORWARD.slice(0, 2), idleDays: { min: 5, max: 12 } } },
      {
        days: 200,
        want: {
          status: S.MODIFYING,
          route: FORWARD.slice(0, 4),
          idleDays: { min: 8, max: 20 },
          modifications: true,
        },
      },
      // implemented 13 months ago, outcomes updated at the 12-month check-in: the coordinator can SUSTAIN
      {
        days: 520,
        want: {
          status: S.IMPLEMENTED,
          route: FORWARD.slice(0, 5),
          idleDays: { min: 395, max: 410 },
          updatedAfterYear: true,
          modifications: true,
        },
      },
      // stalled by the system while imitating: the coordinator can RESUME
      {
        days: 200,
        want: { status: S.STALLED, route: [...FORWARD.slice(0, 3), A.STALL], idleDays: { min: 4, max: 10 } },
      },
      { days: 200, want: { status: S.WITHDRAWN, route: [...FORWARD.slice(0, 2), A.WITHDRAW] } },
    ];
    for (const scene of scenes) {
      const pool = oldEnough(scene.days);
      for (let attempt = 0; attempt < 20 && pool.length; attempt++) {
        const innovation = dice.pick(pool);
        if (used.get(innovation.id)!.has(focus.id)) continue;
        const r = place({ innovation, adopter: focus, level: 1, source: null }, scene.want);
        if (r) {
          // someone copies Banyuwangi's implemented version: the focus agency is a source too
          if (r.status === S.IMPLEMENTED) {
            place(
              { innovation, level: 2, source: r },
              { status: S.OBSERVING, route: FORWARD.slice(0, 2), idleDays: { min: 3, max: 20 } },
            );
          }
          break;
        }
      }
    }
    // two agencies asked for the focus agency's newest innovations: its admin has to answer
    const own = innovations.filter((i) => i.originAgencyId === focus.id);
    for (let k = 0; k < 2 && own.length; k++) {
      const innovation = own[k % own.length]!;
      const nearby = k === 0;
      for (let attempt = 0; attempt < 20; attempt++) {
        const adopter = nearby ? dice.pick(hubAgencies.length ? hubAgencies : agencies) : dice.pick(agencies);
        if (
          used.get(innovation.id)!.has(adopter.id) ||
          (!nearby && adopter.provinceCode === focus.provinceCode)
        )
          continue;
        const age = ageDays(innovation);
        if (
          place(
            { innovation, adopter, level: 1, source: null },
            {
              status: S.REQUESTED,
              idleDays: { min: Math.min(0.2, age / 4), max: Math.max(0.3, Math.min(3, age / 2)) },
            },
          )
        )
          break;
      }
    }
  }

  // ---- lineages at least three deep: A copies the origin, B copies A, C copies B (and D copies C)
  const old = innovations.filter((i) => ageDays(i) >= 480).sort((a, b) => ageDays(b) - ageDays(a));
  const chainCount = Math.min(6, old.length);
  for (let k = 0; k < chainCount; k++) {
    const innovation = old[Math.floor((k * old.length) / chainCount)]!;
    const published = innovation.publishedAt.getTime();
    const a = place(
      { innovation, level: 1, source: null },
      {
        status: S.IMPLEMENTED,
        route: FORWARD.slice(0, 5),
        anchor: { time: published + (now - published) * dice.between(0.25, 0.32), index: 'IMPLEMENT' },
        modifications: true,
      },
    );
    if (!a) continue;
    const aImplemented = a.implementedAt!.getTime();
    const b = place(
      { innovation, level: 2, source: a },
      {
        status: S.IMPLEMENTED,
        route: FORWARD.slice(0, 5),
        anchor: { time: aImplemented + (now - aImplemented) * dice.between(0.4, 0.5), index: 'IMPLEMENT' },
        modifications: true,
      },
    );
    if (!b) continue;
    const bImplemented = b.implementedAt!.getTime();
    const deeper = k % 2 === 0;
    const c = place(
      { innovation, level: 3, source: b },
      deeper
        ? {
            status: S.IMPLEMENTED,
            route: FORWARD.slice(0, 5),
            anchor: {
              time: bImplemented + (now - bImplemented) * dice.between(0.45, 0.55),
              index: 'IMPLEMENT',
            },
          }
        : { status: dice.pick([S.OBSERVING, S.IMITATING, S.MODIFYING, S.IMPLEMENTED, S.STALLED]) },
    );
    if (c && deeper)
      place(
        { innovation, level: 4, source: c },
        { status: dice.pick([S.APPROVED, S.IMITATING, S.IMPLEMENTED]) },
      );
  }

  // ---- the rest: copies of the original, then copies of copies
  const STATUS_WEIGHTS: ReadonlyArray<readonly [ReplicationStatus, number]> = [
    [S.REQUESTED, 8],
    [S.APPROVED, 7],
    [S.REJECTED, 6],
    [S.OBSERVING, 9],
    [S.IMITATING, 9],
    [S.MODIFYING, 10],
    [S.IMPLEMENTED, 24],
    [S.SUSTAINED, 10],
    [S.STALLED, 8],
    [S.WITHDRAWN, 7],
  ];
  // popular innovations get more requests; older ones had more time
  const popularity = new Map(innovations.map((i) => [i.id, 0.2 + dice.next() ** 2 * 3]));
  const randomCount = input.randomCount ?? 320;
  const copiesOfCopies = Math.round(randomCount * 0.15);
  for (let n = 0; n < randomCount - copiesOfCopies; n++) {
    for (let attempt = 0; attempt < 25; attempt++) {
      const want: Want = { status: dice.weighted(STATUS_WEIGHTS) };
      const route = routeTo(want.status, dice);
      const needs = minSpanDays(route) + idleRange(statusesAlong(route).at(-1)!).min + 1;
      const fits = innovations.filter((i) => ageDays(i) >= needs);
      if (!fits.length) continue;
      const innovation = dice.weighted(
        fits.map((i) => [i, popularity.get(i.id)! * Math.sqrt(ageDays(i))] as const),
      );
      if (place({ innovation, level: 1, source: null }, { ...want, route })) break;
    }
  }
  for (let n = 0; n < copiesOfCopies; n++) {
    for (let attempt = 0; attempt < 25; attempt++) {
      const sources = planned.filter(
        (r) => r.implementedAt && r.level < 4 && now - r.implementedAt.getTime() > 30 * DAY,
      );
      if (!sources.length) break;
      const source = dice.pick(sources);
      const innovation = innovations.find((i) => i.id === source.innovationId)!;
      const want: Want = { status: dice.weighted(STATUS_WEIGHTS) };
      if (place({ innovation, level: source.level + 1, source }, want)) break;
    }
  }

  return { replications: planned, originOutcomes: originOutcomesOf(planned, innovations, dice, now) };
}

// ------------------------------------------------------------------ evidence

function indicatorsOf(innovation: DemoInnovationRef): readonly DemoIndicator[] {
  return DEMO_INDICATORS[innovation.categoryCode] ?? FALLBACK_INDICATORS;
}

function roundFor(unit: OutcomeUnit, value: number): number {
  if (unit === OutcomeUnit.RUPIAH) return Math.round(value / 1000) * 1000;
  if (unit === OutcomeUnit.PERCENT || unit === OutcomeUnit.HOURS || unit === OutcomeUnit.SCORE)
    return Math.round(value * 10) / 10;
  return Math.max(0, Math.round(value));
}

function baselineOf(spec: DemoIndicator, dice: Dice): number {
  return roundFor(spec.unit, dice.between(spec.base[0], spec.base[1]));
}

/** Where an adoption that went `share` of the way leaves the indicator (a few get worse). */
function latestOf(spec: DemoIndicator, baseline: number, share: number, dice: Dice): number {
  const worse = dice.chance(0.1);
  const gain = worse ? -dice.between(0.03, 0.12) : dice.between(spec.gain[0], spec.gain[1]) * share;
  let value: number;
  if (spec.better === 'lower') value = baseline * (1 - Math.min(gain, 0.97));
  else if (spec.unit === OutcomeUnit.PERCENT) value = baseline + (100 - baseline) * Math.min(gain, 0.95);
  else value = baseline * (1 + gain);
  if (spec.unit === OutcomeUnit.PERCENT) value = Math.min(100, value);
  const rounded = roundFor(spec.unit, Math.max(0, value));
  // a time that rounds to nothing is still at least one unit
  return spec.better === 'lower' && rounded === 0 ? 1 : rounded;
}

const SOURCE = 'Data ilustratif untuk demo';

function addOutcomes(
  r: PlannedReplication,
  innovation: DemoInnovationRef,
  want: Want,
  dice: Dice,
  now: number,
  actor: number | null,
): void {
  const reachedImplement = r.implementedAt !== null;
  const reachedModifying = r.modifyingAt !== null;
  const wants =
    reachedImplement || (reachedModifying ? dice.chance(0.6) : r.imitatingAt ? dice.chance(0.3) : false);
  if (!wants) return;
  const specs = indicatorsOf(innovation);
  const chosen = dice.chance(0.5) ? specs : [dice.pick(specs)];
  // measured before the change: between observing and imitating
  const observed = (r.observingAt ?? r.approvedAt ?? r.requestedAt).getTime();
  const imitated = (r.imitatingAt ?? r.lastEventAt).getTime();
  const baselineAt = observed + (imitated - observed) * dice.next();

  let latestAt: number | null = null;
  let share = 1;
  if (r.sustainedAt) {
    const due = dueCheckins(r.implementedAt!, r.sustainedAt)
      .find((c) => c.months === 12)!
      .dueAt.getTime();
    latestAt = due + (r.sustainedAt.getTime() - due) * dice.next();
  } else if (r.implementedAt) {
    const implemented = r.implementedAt.getTime();
    const due = dueCheckins(r.implementedAt, new Date(now));
    const lastDue = due.at(-1);
    if (want.updatedAfterYear) {
      const year = due.find((c) => c.months === 12)!.dueAt.getTime();
      latestAt = year + Math.min(20 * DAY, now - year) * dice.next();
    } else if (lastDue && dice.chance(0.8)) {
      const at = lastDue.dueAt.getTime();
      latestAt = at + Math.min(20 * DAY, now - at) * dice.next();
    } else if (now - implemented > 20 * DAY && dice.chance(0.5)) {
      latestAt = implemented + 10 * DAY + (now - implemented - 10 * DAY) * dice.next();
      share = 0.6;
    }
  }
  for (const spec of chosen) {
    const baselineValue = baselineOf(spec, dice);
    // most write the indicator as the origin does; some in their own case
    const indicator = dice.chance(0.1) ? spec.indicator.toLowerCase() : spec.indicator;
    r.outcomes.push({
      indicator,
      unit: spec.unit,
      baselineValue,
      baselineDate: day(baselineAt),
      latestValue: latestAt === null ? null : latestOf(spec, baselineValue, share, dice),
      latestDate: latestAt === null ? null : day(latestAt),
      source: SOURCE,
      createdByUserId: actor,
      createdAt: new Date(Math.round(baselineAt)),
      updatedAt: new Date(Math.round(latestAt ?? baselineAt)),
    });
  }
  // the check-ins the job would have raised by now
  if (r.implementedAt) {
    for (const checkin of dueCheckins(r.implementedAt, new Date(now))) {
      const raisedAt = Math.min(now, checkin.dueAt.getTime() + dice.between(0.1, 2) * 3600 * 1000);
      r.checkins.push({
        months: checkin.months,
        dueAt: checkin.dueAt,
        raisedAt: new Date(Math.round(raisedAt)),
      });
    }
  }
}

function addDocuments(
  r: PlannedReplication,
  innovation: DemoInnovationRef,
  origin: string,
  adopter: string,
  dice: Dice,
  now: number,
  actor: number | null,
): void {
  const url = (what: string) =>
    `https://jipp.example.org/demo/dokumen/${innovation.slug}/${r.adopterRegionCode}/${what}.pdf`;
  const after = (at: Date, days: number) => new Date(Math.min(now, at.getTime() + days * DAY * dice.next()));
  if (r.approvedAt && dice.chance(0.2)) {
    r.documents.push({
      kind: DocumentKind.APPROVAL,
      title: clip(`Keputusan ${adopter} tentang Tim Replikasi ${innovation.title}`, 200),
      url: url('keputusan-tim-replikasi'),
      createdByUserId: actor,
      createdAt: after(r.approvedAt, 10),
    });
  }
  if (r.implementedAt && dice.chance(0.35)) {
    r.documents.push({
      kind: DocumentKind.AGREEMENT,
      title: clip(`Perjanjian Kerja Sama Replikasi antara ${origin} dan ${adopter}`, 200),
      url: url('perjanjian-kerja-sama'),
      createdByUserId: actor,
      createdAt: after(r.observingAt ?? r.approvedAt!, 10),
    });
  }
  if (r.implementedAt && dice.chance(0.25)) {
    r.documents.push({
      kind: DocumentKind.REPORT,
      title: clip(`Laporan Pelaksanaan Replikasi ${innovation.title} di ${adopter}`, 200),
      url: url('laporan-pelaksanaan'),
      createdByUserId: actor,
      createdAt: after(r.implementedAt, 30),
    });
  }
}

/** Some origins report their own figures, with the same indicators as their replicas. */
function originOutcomesOf(
  planned: readonly PlannedReplication[],
  innovations: readonly DemoInnovationRef[],
  dice: Dice,
  now: number,
): PlannedOriginOutcome[] {
  const deep = new Set(planned.filter((r) => r.level >= 3).map((r) => r.innovationId));
  const replicated = new Set(planned.map((r) => r.innovationId));
  const rows: PlannedOriginOutcome[] = [];
  for (const innovation of innovations) {
    if (!replicated.has(innovation.id) || !(deep.has(innovation.id) || dice.chance(0.45))) continue;
    const published = innovation.publishedAt.getTime();
    const baselineDate = `${Math.max(2000, innovation.launchYear - 1)}-12-31`;
    const latestAt = Math.max(Date.parse(baselineDate) + 30 * DAY, published - dice.between(10, 200) * DAY);
    for (const spec of indicatorsOf(innovation)) {
      const baselineValue = baselineOf(spec, dice);
      rows.push({
        innovationId: innovation.id,
        indicator: spec.indicator,
        unit: spec.unit,
        baselineValue,
        baselineDate,
        latestValue: latestOf(spec, baselineValue, 1, dice),
        latestDate: day(Math.min(latestAt, now)),
        source: SOURCE,
        createdByUserId: null,
        createdAt: new Date(Math.min(published, now)),
        updatedAt: new Date(Math.min(published, now)),
      });
    }
  }
  return rows;
}
