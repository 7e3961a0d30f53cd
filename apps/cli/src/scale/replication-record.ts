import {
  dueCheckins,
  ModificationAspect,
  OutcomeUnit,
  ReplicationAction,
  ReplicationRelation,
  ReplicationStatus,
} from '@jipp/replications';
import { improved, roundFigure } from './innovation-text';
import type { PathStep } from './replication-path';
import { DAY_MS, HOUR_MS, wibDay } from './scale-time';
import {
  APPROVE_NOTES,
  CATEGORY_WORDS,
  COORDINATOR_APPROVE_NOTE,
  COORDINATOR_STALL_NOTES,
  IMITATE_NOTES,
  IMPLEMENT_NOTES,
  MODIFICATION_WORDS,
  MODIFY_NOTES,
  NO_MODIFICATION_NOTE,
  OBSERVE_NOTES,
  OUTCOME_SOURCES,
  REJECT_REASONS,
  REQUEST_NOTES,
  RESUME_NOTES,
  SUSTAIN_NOTE,
  systemStallNote,
  WITHDRAW_NOTES,
} from './scale-vocabulary';
import type { Random } from './seeded-random';

const S = ReplicationStatus;
const A = ReplicationAction;

export interface EventRecord {
  action: ReplicationAction | null;
  from: ReplicationStatus | null;
  to: ReplicationStatus;
  note: string | null;
  evidenceUrl: string | null;
  at: number;
}

export interface ModificationRecord {
  aspect: ModificationAspect;
  whatChanged: string;
  why: string;
  createdAt: number;
}

export interface OutcomeRecord {
  indicator: string;
  unit: OutcomeUnit;
  baselineValue: number;
  baselineDate: string;
  latestValue: number | null;
  latestDate: string | null;
  source: string;
  createdAt: number;
  updatedAt: number;
}

export interface CheckinRecord {
  months: number;
  dueAt: number;
  raisedAt: number;
}

/** The columns the service leaves on a replication after its steps, and the rows around it. */
export interface ReplicationRecord {
  status: ReplicationStatus;
  stalledFrom: ReplicationStatus | null;
  requestNote: string;
  rejectionReason: string | null;
  noModificationNote: string | null;
  implementationDate: string | null;
  requestedAt: number;
  approvedAt: number | null;
  observingAt: number | null;
  imitatingAt: number | null;
  modifyingAt: number | null;
  implementedAt: number | null;
  sustainedAt: number | null;
  closedAt: number | null;
  stalledAt: number | null;
  /** The last transition or evidence (the service's `touch`). */
  lastEventAt: number;
  /** One per event: the request makes version 1, each step adds one. */
  version: number;
  events: EventRecord[];
  modifications: ModificationRecord[];
  outcomes: OutcomeRecord[];
  checkins: CheckinRecord[];
}

/** The column that records when each state was entered (ReplicationsService's ENTERED_AT). */
const ENTERED_AT: Partial<Record<ReplicationStatus, keyof ReplicationRecord>> = {
  [S.APPROVED]: 'approvedAt',
  [S.OBSERVING]: 'observingAt',
  [S.IMITATING]: 'imitatingAt',
  [S.MODIFYING]: 'modifyingAt',
  [S.IMPLEMENTED]: 'implementedAt',
  [S.SUSTAINED]: 'sustainedAt',
  [S.STALLED]: 'stalledAt',
  [S.REJECTED]: 'closedAt',
  [S.WITHDRAWN]: 'closedAt',
};

export interface RecordContext {
  steps: readonly PathStep[];
  /** The innovation's category code: its outcome indicators. */
  categoryCode: string;
  /** For evidence links: `<innovation slug>/<adopter region>`. */
  evidencePath: string;
  asOf: number;
  stallAfterDays: number;
}

/**
 * What ReplicationsService (and the evidence and check-in services) would have left after these
 * steps: the status and `stalled_from`, each state's entered-at column (set again on re-entry), the
 * closing and rejection columns, the version, the notes, and the evidence each step requires:
 * a modification or a no-modification note before MODIFYING, an outcome with its baseline before
 * IMPLEMENTED, the check-ins due by `asOf`, and outcomes updated after the 12-month check-in before
 * SUSTAINED. `lastEventAt` counts evidence as the service's `touch` does.
 */
export function replicationRecord(context: RecordContext, random: Random): ReplicationRecord {
  const { steps } = context;
  const record: ReplicationRecord = {
    status: S.REQUESTED,
    stalledFrom: null,
    requestNote: random.pick(REQUEST_NOTES),
    rejectionReason: null,
    noModificationNote: null,
    implementationDate: null,
    requestedAt: steps[0]!.at,
    approvedAt: null,
    observingAt: null,
    imitatingAt: null,
    modifyingAt: null,
    implementedAt: null,
    sustainedAt: null,
    closedAt: null,
    stalledAt: null,
    lastEventAt: steps[0]!.at,
    version: steps.length,
    events: [],
    modifications: [],
    outcomes: [],
    checkins: [],
  };
  const evidence = (what: string): string =>
    `https://jipp.example.org/bukti/${context.evidencePath}/${what}`.slice(0, 500);

  steps.forEach((step, k) => {
    const previous = k > 0 ? steps[k - 1]!.at : step.at;
    let note: string | null = null;
    let evidenceUrl: string | null = null;
    switch (step.action) {
      case null:
        note = record.requestNote;
        break;
      case A.APPROVE:
        note =
          step.by === ReplicationRelation.HUB_COORDINATOR
            ? COORDINATOR_APPROVE_NOTE
            : random.pick(APPROVE_NOTES);
        break;
      case A.REJECT:
        note = random.pick(REJECT_REASONS);
        record.rejectionReason = note;
        break;
      case A.START_OBSERVING:
        note = random.pick(OBSERVE_NOTES);
        if (random.chance(0.3)) evidenceUrl = evidence('kunjungan-belajar');
        break;
      case A.START_IMITATING:
        note = random.pick(IMITATE_NOTES);
        break;
      case A.START_MODIFYING: {
        note = random.pick(MODIFY_NOTES);
        // modifications recorded while imitating, else the note saying nothing was changed
        if (random.chance(0.75)) {
          const count = random.chance(0.7) ? 1 : 2;
          const aspects = Object.values(ModificationAspect);
          const first = random.int(0, aspects.length - 1);
          for (let m = 0; m < count; m++) {
            const aspect = aspects[(first + m * 3) % aspects.length]!;
            const [whatChanged, why] = random.pick(MODIFICATION_WORDS[aspect]);
            record.modifications.push({
              aspect,
              whatChanged,
              why,
              createdAt: previous + ((step.at - previous) * (m + 1)) / (count + 1),
            });
          }
        } else {
          record.noModificationNote = NO_MODIFICATION_NOTE;
        }
        break;
      }
      case A.IMPLEMENT: {
        note = random.pick(IMPLEMENT_NOTES);
        if (random.chance(0.6)) evidenceUrl = evidence('peluncuran');
        // went live between the start of the modifications and the step, not before the request
        const modifying = record.modifyingAt ?? previous;
        record.implementationDate = wibDay(modifying + (step.at - modifying) * random.between(0.7, 1));
        addBaselines(record, context, previous, step.at, random);
        break;
      }
      case A.SUSTAIN:
        note = SUSTAIN_NOTE;
        if (random.chance(0.5)) evidenceUrl = evidence('check-in-12-bulan');
        break;
      case A.STALL:
        note =
          step.by === ReplicationRelation.SYSTEM
            ? systemStallNote(context.stallAfterDays)
            : random.pick(COORDINATOR_STALL_NOTES);
        break;
      case A.RESUME:
        note = random.pick(RESUME_NOTES);
        break;
      case A.WITHDRAW:
        note = random.pick(WITHDRAW_NOTES);
        break;
    }
    record.events.push({ action: step.action, from: step.from, to: step.to, note, evidenceUrl, at: step.at });
    if (step.action !== null) {
      const column = ENTERED_AT[step.to];
      if (column) (record as unknown as Record<string, number>)[column] = step.at;
      if (step.to === S.STALLED) record.stalledFrom = step.from;
      else if (step.from === S.STALLED) record.stalledFrom = null;
    }
    record.status = step.to;
    record.lastEventAt = step.at;
  });

  if (record.implementedAt !== null) addCheckins(record, context, random);
  return record;
}

/** One or two of the category's indicators, measured before the change, recorded while modifying. */
function addBaselines(
  record: ReplicationRecord,
  context: RecordContext,
  previous: number,
  implementedAt: number,
  random: Random,
): void {
  const specs = (CATEGORY_WORDS[context.categoryCode] ?? CATEGORY_WORDS['TATA_KELOLA']!).indicators;
  const count = specs.length > 1 && random.chance(0.3) ? 2 : 1;
  const first = random.int(0, specs.length - 1);
  const measured = record.requestedAt + (previous - record.requestedAt) * random.next();
  for (let k = 0; k < count; k++) {
    const spec = specs[(first + k) % specs.length]!;
    const createdAt = previous + (implementedAt - previous) * random.between(0.2, 0.9);
    record.outcomes.push({
      indicator: spec.indicator,
      unit: spec.unit,
      baselineValue: roundFigure(spec, random.between(spec.base[0], spec.base[1])),
      baselineDate: wibDay(measured),
      latestValue: null,
      latestDate: null,
      source: random.pick(OUTCOME_SOURCES),
      createdAt,
      updatedAt: createdAt,
    });
  }
}

/**
 * The check-ins due by `asOf` (raised by the job within hours of falling due), and the outcome
 * updates they asked for: before SUSTAIN always after the 12-month one, otherwise mostly after the
 * latest check-in, sometimes earlier, sometimes never.
 */
function addCheckins(record: ReplicationRecord, context: RecordContext, random: Random): void {
  const implementedAt = record.implementedAt!;
  for (const checkin of dueCheckins(new Date(implementedAt), new Date(context.asOf))) {
    const dueAt = checkin.dueAt.getTime();
    record.checkins.push({
      months: checkin.months,
      dueAt,
      raisedAt: Math.min(context.asOf, dueAt + Math.round(random.between(0.05, 3) * HOUR_MS)),
    });
  }
  let updatedAt: number | null = null;
  let share = 1;
  if (record.sustainedAt !== null) {
    const yearDue = record.checkins.find((c) => c.months === 12)!.raisedAt;
    updatedAt = yearDue + (record.sustainedAt - yearDue) * random.between(0.2, 0.9);
  } else {
    const lastDue = record.checkins.at(-1);
    const sinceImplemented = context.asOf - implementedAt;
    if (lastDue && random.chance(0.75)) {
      updatedAt = lastDue.raisedAt + Math.min(20 * DAY_MS, context.asOf - lastDue.raisedAt) * random.next();
    } else if (sinceImplemented > 20 * DAY_MS && random.chance(0.4)) {
      updatedAt = implementedAt + 10 * DAY_MS + (sinceImplemented - 10 * DAY_MS) * random.next();
      share = 0.6;
    }
  }
  if (updatedAt === null) return;
  const specs = (CATEGORY_WORDS[context.categoryCode] ?? CATEGORY_WORDS['TATA_KELOLA']!).indicators;
  for (const outcome of record.outcomes) {
    const spec = specs.find((s) => s.indicator === outcome.indicator)!;
    // a few adoptions make things worse
    const gain = random.chance(0.1)
      ? -random.between(0.03, 0.12)
      : random.between(spec.gain[0], spec.gain[1]) * share;
    outcome.latestValue = Math.max(0, roundFigure(spec, improved(spec, outcome.baselineValue, gain)));
    outcome.latestDate = wibDay(updatedAt);
    outcome.updatedAt = updatedAt;
  }
  // recording the figures touches the replication
  record.lastEventAt = Math.max(record.lastEventAt, updatedAt);
}
