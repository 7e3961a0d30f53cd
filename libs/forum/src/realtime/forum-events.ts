import type { ModerationReason } from '../posts/post.entity';

/** A post as sockets receive it: the sanitised HTML only, never the raw Markdown. */
export interface PostMessage {
  id: number;
  threadId: number;
  authorUserId: number;
  authorName: string;
  /** Null when the post is hidden or deleted. */
  bodyHtml: string | null;
  replyToPostId: number | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  hidden: boolean;
  hiddenReason: ModerationReason | null;
}

export interface ThreadMessage {
  id: number;
  pinned: boolean;
  locked: boolean;
  slowModeSeconds: number;
  postCount: number;
  lastPostAt: string | null;
}

export interface PostHiddenMessage {
  threadId: number;
  postId: number;
  hiddenReason: ModerationReason;
}

export interface TypingMessage {
  threadId: number;
  userId: number;
  name: string;
}

/** A new notification, pushed to its user's sockets (written by @jipp/notifications). */
export interface NotificationMessage {
  id: string;
  type: string;
  title: string;
  body: string;
  link: string;
  actorUserId: number | null;
  createdAt: string;
}

/**
 * Sent to a socket when it connects, and again after every reconnection. Besides saying when the
 * server will drop it, it gives the client a stream offset, so that even a socket that has received
 * nothing else can recover what it misses during a short disconnection.
 */
export interface SessionMessage {
  userId: number;
  /** When the access token expires: the socket is dropped then; reconnect with a fresh token. */
  tokenExpiresAt: string;
}

/** What a join or leave answers. */
export type RoomAck = { ok: true } | { ok: false; code: string; message: string };

/** Events the server sends (one typed map, shared by the gateway, the publisher and the tests). */
export interface ServerToClientEvents {
  'post:created': (post: PostMessage) => void;
  'post:updated': (post: PostMessage) => void;
  'post:hidden': (hidden: PostHiddenMessage) => void;
  'thread:updated': (thread: ThreadMessage) => void;
  typing: (typing: TypingMessage) => void;
  session: (session: SessionMessage) => void;
  'notification:new': (notification: NotificationMessage) => void;
}

/** Events a client sends. */
export interface ClientToServerEvents {
  'thread:join': (threadId: number, ack: (result: RoomAck) => void) => void;
  'thread:leave': (threadId: number, ack: (result: RoomAck) => void) => void;
  typing: (threadId: number) => void;
}

/** The socket.io room of a thread's readers. */
export const threadRoom = (threadId: number): string => `thread:${threadId}`;

/** The socket.io room of one user's sockets (notifications). */
export const userRoom = (userId: number): string => `user:${userId}`;
