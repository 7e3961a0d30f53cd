import { Injectable, Logger } from '@nestjs/common';
import {
  ForumPublisher,
  threadRoom,
  type PostHiddenMessage,
  type PostMessage,
  type ThreadMessage,
} from '@jipp/forum';
import { ForumGateway, type ForumServer } from './forum.gateway';

/**
 * The api's forum publisher: a committed change goes to its thread's room through the gateway's
 * socket.io server, whose Redis streams adapter carries it to the sockets of every api node (and
 * keeps it for clients that reconnect within two minutes). Never throws: the change is committed,
 * a failed push must not fail the request.
 */
@Injectable()
export class SocketForumPublisher extends ForumPublisher {
  private readonly logger = new Logger(SocketForumPublisher.name);

  constructor(private readonly gateway: ForumGateway) {
    super();
  }

  override postCreated(post: PostMessage): void {
    this.send((server) => server.to(threadRoom(post.threadId)).emit('post:created', post));
  }

  override postUpdated(post: PostMessage): void {
    this.send((server) => server.to(threadRoom(post.threadId)).emit('post:updated', post));
  }

  override postHidden(hidden: PostHiddenMessage): void {
    this.send((server) => server.to(threadRoom(hidden.threadId)).emit('post:hidden', hidden));
  }

  override threadUpdated(thread: ThreadMessage): void {
    this.send((server) => server.to(threadRoom(thread.id)).emit('thread:updated', thread));
  }

  private send(emit: (server: ForumServer) => void): void {
    const server = this.gateway.server;
    if (!server) return; // not listening (yet): nobody to tell
    try {
      emit(server);
    } catch (error) {
      this.logger.error(error);
    }
  }
}
