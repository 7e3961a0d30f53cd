/** The fan-out job of an outbox event: the relay enqueues it under this id however often it runs. */
export const fanOutJobId = (outboxEventId: number): string => `outbox-${outboxEventId}`;

/** The n-th delivery job of a big audience (n from 0). */
export const deliveryJobId = (outboxEventId: number, chunk: number): string =>
  `outbox-${outboxEventId}-chunk-${chunk}`;

/** The instant e-mail job of an event's inline delivery, or of its n-th delivery chunk. */
export const emailJobId = (outboxEventId: number, chunk?: number): string =>
  chunk === undefined ? `outbox-${outboxEventId}-email` : `outbox-${outboxEventId}-chunk-${chunk}-email`;
