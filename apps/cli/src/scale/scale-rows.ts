import { InnovationStatus } from '@jipp/innovations';
import type { InnovationText } from './innovation-text';
import type { PlannedAgency, PlannedAward, PlannedInnovation } from './innovation-plan';
import type { ReplicationRecord } from './replication-record';
import type { SqlValue } from './bulk-writer';
import { dateTimeValue } from './sql-values';

/** The columns each table gets, in the order the row builders below write the values. */
export const COLUMNS = {
  innovation: [
    'id',
    'slug',
    'registration_number',
    'title',
    'summary',
    'problem',
    'approach',
    'novelty',
    'impact',
    'category_id',
    'digital',
    'stage',
    'sdg_goals',
    'launch_year',
    'origin_agency_id',
    'region_code',
    'province_code',
    'origin_agency_type',
    'contact_unit',
    'status',
    'published_at',
    'archived_at',
    'listed_at',
    'view_count',
    'version',
    'created_at',
    'updated_at',
  ],
  innovation_award: ['innovation_id', 'competition', 'year', 'level', 'created_at'],
  replication: [
    'id',
    'innovation_id',
    'origin_agency_id',
    'adopter_agency_id',
    'adopter_region_code',
    'adopter_province_code',
    'facilitator_agency_id',
    'source_replication_id',
    'status',
    'stalled_from',
    'request_note',
    'rejection_reason',
    'no_modification_note',
    'implementation_date',
    'requested_at',
    'approved_at',
    'observing_at',
    'imitating_at',
    'modifying_at',
    'implemented_at',
    'sustained_at',
    'closed_at',
    'stalled_at',
    'last_event_at',
    'version',
    'created_at',
    'updated_at',
  ],
  replication_event: [
    'replication_id',
    'action',
    'from_status',
    'to_status',
    'note',
    'evidence_url',
    'occurred_at',
  ],
  replication_modification: ['replication_id', 'aspect', 'what_changed', 'why', 'created_at'],
  outcome: [
    'innovation_id',
    'replication_id',
    'indicator',
    'unit',
    'baseline_value',
    'baseline_date',
    'latest_value',
    'latest_date',
    'source',
    'created_at',
    'updated_at',
  ],
  replication_checkin: ['replication_id', 'months', 'due_at', 'raised_at'],
} as const;

export type ScaleTable = keyof typeof COLUMNS;

/** The write order: parents before the rows that point at them. */
export const TABLES = Object.keys(COLUMNS) as ScaleTable[];

export interface InnovationRowData {
  id: number;
  slug: string;
  registrationNumber: string;
  text: InnovationText;
  categoryId: number;
  sdgGoals: readonly number[];
  origin: PlannedAgency;
  innovation: PlannedInnovation;
}

/** An innovation as InnovationsService leaves it: created as a draft, then published (and archived). */
export function innovationRow(data: InnovationRowData): SqlValue[] {
  const { innovation: i, origin, text } = data;
  // the service's versioned updates: publish and archive each add one
  const version = i.status === InnovationStatus.DRAFT ? 1 : i.status === InnovationStatus.PUBLISHED ? 2 : 3;
  const listedAt = i.publishedAt ?? i.createdAt;
  const updatedAt = i.archivedAt ?? i.publishedAt ?? i.createdAt;
  return [
    data.id,
    data.slug,
    data.registrationNumber,
    text.title,
    text.summary,
    text.problem,
    text.approach,
    text.novelty,
    text.impact,
    data.categoryId,
    i.digital ? 1 : 0,
    i.stage,
    data.sdgGoals.join(','),
    i.launchYear,
    origin.id,
    origin.regionCode,
    origin.provinceCode,
    origin.type,
    text.contactUnit,
    i.status,
    dateTimeValue(i.publishedAt),
    dateTimeValue(i.archivedAt),
    dateTimeValue(listedAt),
    i.viewCount,
    version,
    dateTimeValue(i.createdAt),
    dateTimeValue(updatedAt),
  ];
}

export function awardRow(innovationId: number, award: PlannedAward): SqlValue[] {
  return [innovationId, award.competition, award.year, award.level, dateTimeValue(award.createdAt)];
}

export interface ReplicationRowData {
  id: number;
  innovationId: number;
  originAgencyId: number;
  adopter: PlannedAgency;
  facilitatorAgencyId: number | null;
  sourceReplicationId: number | null;
  record: ReplicationRecord;
}

export function replicationRow(data: ReplicationRowData): SqlValue[] {
  const r = data.record;
  return [
    data.id,
    data.innovationId,
    data.originAgencyId,
    data.adopter.id,
    data.adopter.regionCode,
    data.adopter.provinceCode,
    data.facilitatorAgencyId,
    data.sourceReplicationId,
    r.status,
    r.stalledFrom,
    r.requestNote,
    r.rejectionReason,
    r.noModificationNote,
    r.implementationDate,
    dateTimeValue(r.requestedAt),
    dateTimeValue(r.approvedAt),
    dateTimeValue(r.observingAt),
    dateTimeValue(r.imitatingAt),
    dateTimeValue(r.modifyingAt),
    dateTimeValue(r.implementedAt),
    dateTimeValue(r.sustainedAt),
    dateTimeValue(r.closedAt),
    dateTimeValue(r.stalledAt),
    dateTimeValue(r.lastEventAt),
    r.version,
    // created with the request; updated with the last step or evidence
    dateTimeValue(r.requestedAt),
    dateTimeValue(r.lastEventAt),
  ];
}

/** The history, modifications, outcomes and check-ins of one replication, each row as values. */
export function replicationChildRows(
  replicationId: number,
  innovationId: number,
  r: ReplicationRecord,
): { events: SqlValue[][]; modifications: SqlValue[][]; outcomes: SqlValue[][]; checkins: SqlValue[][] } {
  return {
    events: r.events.map((e) => [
      replicationId,
      e.action,
      e.from,
      e.to,
      e.note,
      e.evidenceUrl,
      dateTimeValue(e.at),
    ]),
    modifications: r.modifications.map((m) => [
      replicationId,
      m.aspect,
      m.whatChanged,
      m.why,
      dateTimeValue(m.createdAt),
    ]),
    outcomes: r.outcomes.map((o) => [
      innovationId,
      replicationId,
      o.indicator,
      o.unit,
      o.baselineValue,
      o.baselineDate,
      o.latestValue,
      o.latestDate,
      o.source,
      dateTimeValue(o.createdAt),
      dateTimeValue(o.updatedAt),
    ]),
    checkins: r.checkins.map((c) => [
      replicationId,
      c.months,
      dateTimeValue(c.dueAt),
      dateTimeValue(c.raisedAt),
    ]),
  };
}
