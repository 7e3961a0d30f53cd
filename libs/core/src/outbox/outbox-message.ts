import type { JsonObject } from '../json/json';

/** An outbox event as the relay hands it to jobs: plain JSON, so it travels in a BullMQ payload. */
export interface OutboxEventMessage {
  /** The outbox row id (a bigint; safe as a number far beyond any realistic count). */
  id: number;
  type: string;
  aggregateType: string;
  aggregateId: string;
  actorUserId: number | null;
  payload: JsonObject;
  /** ISO 8601. */
  createdAt: string;
}
