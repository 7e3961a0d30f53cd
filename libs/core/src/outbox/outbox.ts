import type { JsonObject } from '../json/json';
import type { EntityManager } from 'typeorm';
import { OutboxEvent } from './outbox-event.entity';

export interface OutboxEntry {
  type: string;
  aggregateType: string;
  aggregateId: string | number;
  actorUserId: number | null;
  payload: JsonObject;
}

/** Appends events inside the caller's transaction, so they commit or roll back with the change. */
export async function appendOutbox(manager: EntityManager, ...entries: OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => {
    const row = new OutboxEvent();
    row.type = e.type;
    row.aggregateType = e.aggregateType;
    row.aggregateId = String(e.aggregateId);
    row.actorUserId = e.actorUserId;
    row.payload = e.payload;
    row.dispatchedAt = null;
    return row;
  });
  // through TypeORM, whose insert events wake the relays on commit (OutboxWakeSignal); nothing is
  // read back (no RETURNING): the rows are complete and their ids unused.
  // JSON columns defeat TypeORM's deep-partial insert type; the rows are complete entities.
  await manager
    .createQueryBuilder()
    .insert()
    .into(OutboxEvent)
    .values(rows as never)
    .updateEntity(false)
    .execute();
}
