/** The first batch of a fan-out holds 1/FIRST_BATCH_DIVISOR of the chunk size (100 of 500). */
const FIRST_BATCH_DIVISOR = 5;

/** How an audience of so many recipients (in user id order) is written. */
export interface DeliveryPlan {
  /**
   * The first recipients, written by the fan-out job itself, one INSERT per batch of these sizes: a
   * fifth of the chunk size first, each next batch twice the one before, up to a full chunk
   * (100, 200, 400, 500 at 500).
   */
  batches: number[];
  /** The recipients after those: one delivery job per chunk of these sizes (the chunk size, the rest last). */
  jobs: number[];
}

/**
 * Plans the writing of an audience of `total` recipients with NOTIFICATION_CHUNK_SIZE `chunkSize`.
 *
 * The first recipients hear first: the fan-out job writes them itself, before any delivery job
 * exists to compete with it for the worker and the database, in small batches first so that their
 * pushes leave within milliseconds and the api relays them while the next batch is written. Once a
 * batch has reached the chunk size, the rest goes to delivery jobs of full chunks, which any worker
 * takes and which keep the cost per notification low. Depends only on its arguments, so a retried
 * fan-out makes the same plan.
 */
export function deliveryPlan(total: number, chunkSize: number): DeliveryPlan {
  const batches: number[] = [];
  let left = total;
  let size = Math.max(1, Math.ceil(chunkSize / FIRST_BATCH_DIVISOR));
  while (left > 0) {
    const batch = Math.min(size, chunkSize, left);
    batches.push(batch);
    left -= batch;
    if (batch >= chunkSize) break;
    size *= 2;
  }
  const jobs: number[] = [];
  for (; left > 0; left -= Math.min(chunkSize, left)) jobs.push(Math.min(chunkSize, left));
  return { batches, jobs };
}

/** Consecutive slices of the items, in order, of the given sizes. */
export function slicesOf<T>(items: readonly T[], sizes: readonly number[], from = 0): T[][] {
  let at = from;
  return sizes.map((size) => items.slice(at, (at += size)));
}
