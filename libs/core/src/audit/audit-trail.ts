import type { JsonObject, JsonValue } from '../json/json';
import type { EntityManager } from 'typeorm';
import { AuditLog } from './audit-log.entity';

export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId: string | number;
  before?: object | null;
  after?: object | null;
}

const SECRET_KEYS = /password|token|secret|hash/i;

/** A plain copy of an entity fit for the audit log: dates as ISO strings, no secrets. */
export function auditSnapshot(value: object | null | undefined): JsonObject | null {
  if (!value) return null;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEYS.test(key) || typeof v === 'function') continue;
    if (v instanceof Date) out[key] = v.toISOString();
    else if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      out[key] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number'))
      out[key] = v as JsonValue[];
  }
  return out;
}

/** Writes audit rows inside the caller's transaction (never on its own). */
export async function writeAudit(manager: EntityManager, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => {
    const row = new AuditLog();
    row.actorUserId = e.actorUserId;
    row.action = e.action;
    row.entityType = e.entityType;
    row.entityId = String(e.entityId);
    row.before = auditSnapshot(e.before);
    row.after = auditSnapshot(e.after);
    return row;
  });
  // JSON columns defeat TypeORM's deep-partial insert type; the rows are complete entities.
  await manager.getRepository(AuditLog).insert(rows as never);
}
