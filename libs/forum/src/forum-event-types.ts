/** Outbox event types written by the forum (consumed by notifications and analytics). */
export const ForumEventType = {
  THREAD_CREATED: 'forum.thread_created',
  POST_CREATED: 'forum.post_created',
  FLAG_RAISED: 'forum.flag_raised',
  POST_AUTO_HIDDEN: 'forum.post_auto_hidden',
} as const;
