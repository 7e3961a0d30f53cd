import { ReplicationStatus, WORKING_STATES } from '../state/replication-state';

const DAY_MS = 24 * 3600 * 1000;

/** The moment before which a replication's last event makes it idle: `now` minus the stall period. */
export function stallCutoff(now: Date, stallAfterDays: number): Date {
  if (!Number.isInteger(stallAfterDays) || stallAfterDays < 1) {
    throw new RangeError(`stallAfterDays must be a positive whole number, got ${stallAfterDays}`);
  }
  return new Date(now.getTime() - stallAfterDays * DAY_MS);
}

/**
 * Whether the system stalls the replication now: it is still being worked on (approved, observing,
 * imitating, modifying) and its last event is older than the stall period. A replication whose last
 * event is exactly that old is not idle yet.
 */
export function isIdle(
  replication: { status: ReplicationStatus; lastEventAt: Date },
  now: Date,
  stallAfterDays: number,
): boolean {
  return (
    WORKING_STATES.includes(replication.status) &&
    replication.lastEventAt.getTime() < stallCutoff(now, stallAfterDays).getTime()
  );
}
