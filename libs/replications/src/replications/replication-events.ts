/** Outbox event types written by replications (consumed by notifications and analytics). */
export const ReplicationEventType = {
  REQUESTED: 'replication.requested',
  TRANSITIONED: 'replication.transitioned',
  CHECKIN_DUE: 'replication.checkin_due',
} as const;
