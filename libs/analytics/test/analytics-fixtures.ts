import type { OutboxEventMessage } from '@jipp/core';
import type { DataSource } from 'typeorm';

/** A seeded agency's id and where it is, by short name. */
export async function agencyId(db: DataSource, shortName: string): Promise<number> {
  const [row] = (await db.query('SELECT id FROM agency WHERE short_name = ?', [shortName])) as Array<{
    id: number;
  }>;
  if (!row) throw new Error(`no seeded agency ${shortName}`);
  return Number(row.id);
}

export async function categoryId(db: DataSource, code: string): Promise<number> {
  const [row] = (await db.query(
    'SELECT id FROM innovation_category WHERE competition_year = 2018 AND code = ?',
    [code],
  )) as Array<{ id: number }>;
  return Number(row!.id);
}

/** A published innovation of an agency, straight into the table. */
export async function insertInnovation(
  db: DataSource,
  title: string,
  originAgencyId: number,
  category: number,
): Promise<number> {
  const result = (await db.query(
    `INSERT INTO innovation (title, slug, summary, problem, approach, novelty, impact, category_id, digital, stage,
                             sdg_goals, launch_year, origin_agency_id, region_code, province_code, origin_agency_type,
                             status, published_at, listed_at)
     SELECT ?, ?, 'Ringkasan.', 'Masalah.', 'Pendekatan.', 'Kebaruan.', 'Dampak.', ?, 0, 'IMPLEMENTED',
            '16', 2019, a.id, a.region_code, a.province_code, a.type, 'PUBLISHED', NOW(3), NOW(3)
       FROM agency a WHERE a.id = ?`,
    [title, title.toLowerCase().replace(/[^a-z0-9]+/g, '-'), category, originAgencyId],
  )) as { insertId: number };
  return Number(result.insertId);
}

/** Writes an outbox row as the replications lib would, and returns it as the relay delivers it. */
async function outbox(
  db: DataSource,
  type: string,
  replicationId: number,
  payload: Record<string, unknown>,
): Promise<OutboxEventMessage> {
  const result = (await db.query(
    `INSERT INTO outbox_event (type, aggregate_type, aggregate_id, actor_user_id, payload) VALUES (?, 'replication', ?, NULL, ?)`,
    [type, String(replicationId), JSON.stringify(payload)],
  )) as { insertId: number };
  return {
    id: Number(result.insertId),
    type,
    aggregateType: 'replication',
    aggregateId: String(replicationId),
    actorUserId: null,
    payload: payload as OutboxEventMessage['payload'],
    createdAt: new Date().toISOString(),
  };
}

/** A replication request (its row, its request event, its outbox event). */
export async function insertReplication(
  db: DataSource,
  innovationId: number,
  adopterAgencyId: number,
  requestedAt: Date,
  status = 'REQUESTED',
): Promise<{ id: number; event: OutboxEventMessage }> {
  const result = (await db.query(
    `INSERT INTO replication (innovation_id, origin_agency_id, adopter_agency_id, adopter_region_code,
                              adopter_province_code, status, request_note, requested_at, last_event_at)
     SELECT i.id, i.origin_agency_id, a.id, a.region_code, a.province_code, ?, 'Kami ingin mereplikasi.', ?, ?
       FROM innovation i JOIN agency a ON a.id = ? WHERE i.id = ?`,
    [status, requestedAt, requestedAt, adopterAgencyId, innovationId],
  )) as { insertId: number };
  const id = Number(result.insertId);
  const step = (await db.query(
    'INSERT INTO replication_event (replication_id, to_status, occurred_at) VALUES (?, ?, ?)',
    [id, 'REQUESTED', requestedAt],
  )) as { insertId: number };
  const event = await outbox(db, 'replication.requested', id, {
    replicationId: id,
    eventId: Number(step.insertId),
    innovationId,
    adopterAgencyId,
    action: null,
    from: null,
    to: 'REQUESTED',
  });
  return { id, event };
}

/** A step of a replication: its new status, its event, its outbox event. */
export async function transition(
  db: DataSource,
  replicationId: number,
  to: string,
  at: Date,
): Promise<OutboxEventMessage> {
  const [row] = (await db.query('SELECT status FROM replication WHERE id = ?', [replicationId])) as Array<{
    status: string;
  }>;
  const from = row!.status;
  await db.query('UPDATE replication SET status = ?, last_event_at = ? WHERE id = ?', [
    to,
    at,
    replicationId,
  ]);
  const step = (await db.query(
    'INSERT INTO replication_event (replication_id, from_status, to_status, occurred_at) VALUES (?, ?, ?, ?)',
    [replicationId, from, to, at],
  )) as { insertId: number };
  return outbox(db, 'replication.transitioned', replicationId, {
    replicationId,
    eventId: Number(step.insertId),
    action: 'TEST',
    from,
    to,
  });
}

/** Every rollup table's rows, in key order: what two ways of keeping them must agree on. */
export async function rollupContents(db: DataSource): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    analytics_replication_fact: 'replication_id',
    analytics_spread_cell: 'dim, dim_key, year, status',
    analytics_spread_total: 'dim, dim_key, status',
    analytics_spread_member: 'dim, dim_key, member_kind, member_id, year',
    analytics_spread_distinct: 'dim, dim_key, member_kind, bucket, year',
    analytics_hub_week: 'hub_id, week_start',
    analytics_applied_event: 'outbox_event_id',
  };
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(tables)) {
    const columns = table === 'analytics_applied_event' ? 'outbox_event_id' : '*';
    out[table] = (await db.query(`SELECT ${columns} FROM ${table} ORDER BY ${order}`)) as unknown[];
  }
  return out;
}
