import { Injectable } from '@nestjs/common';
import type { PostHiddenMessage, PostMessage, ThreadMessage } from './forum-events';

/**
 * Where forum changes go once committed: the api binds this to the socket.io server (every node, through
 * the Redis adapter); elsewhere (CLI, worker) nothing listens and the messages are dropped.
 */
@Injectable()
export class ForumPublisher {
  postCreated(_post: PostMessage): void {}

  postUpdated(_post: PostMessage): void {}

  postHidden(_hidden: PostHiddenMessage): void {}

  threadUpdated(_thread: ThreadMessage): void {}
}
