import type { JsonObject, JsonValue } from '../json/json';
import type { EntityManager } from 'typeorm';

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

/**
 * Writes audit rows inside the caller's transaction (never on its own): one multi-row INSERT in
 * plain SQL, as every write of the platform pays for it (no entity building, no RETURNING).
 */
export async function writeAudit(manager: EntityManager, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => [
    e.actorUserId,
    e.action,
    e.entityType,
    String(e.entityId),
    jsonColumn(auditSnapshot(e.before)),
    jsonColumn(auditSnapshot(e.after)),
  ]);
  await manager.query(
    'INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, `before`, `after`) VALUES ?',
    [rows],
  );
}

function jsonColumn(value: JsonObject | null): string | null {
  return value === null ? null : JSON.stringify(value);
}
