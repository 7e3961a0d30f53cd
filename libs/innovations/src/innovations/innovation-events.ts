/** Outbox event types written by the catalogue (consumed by notifications and analytics). */
export const InnovationEvent = {
  PUBLISHED: 'innovation.published',
  ARCHIVED: 'innovation.archived',
  WATCHED: 'innovation.watched',
} as const;
