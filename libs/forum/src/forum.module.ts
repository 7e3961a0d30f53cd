import { AgenciesModule } from '@jipp/agencies';
import { AuthModule } from '@jipp/auth';
import { Clock } from '@jipp/core';
import { InnovationsModule } from '@jipp/innovations';
import { ReplicationsModule } from '@jipp/replications';
import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ForumAccess } from './access/forum-access';
import { PostFlag } from './flags/post-flag.entity';
import { HubMute } from './moderation/hub-mute.entity';
import { ModerationAction } from './moderation/moderation-action.entity';
import { PostMention } from './posts/post-mention.entity';
import { Post } from './posts/post.entity';
import { ForumPublisher } from './realtime/forum-publisher';
import { Thread } from './threads/thread.entity';
import { ThreadsService } from './threads/threads.service';
import { PostsService } from './posts/posts.service';
import { FlagsService } from './flags/flags.service';
import { FlaggedPostLoader, ThreadModeratorLoader } from './moderation/moderation.loaders';
import { ModerationService } from './moderation/moderation.service';

const SERVICES = [
  Clock,
  ForumAccess,
  ForumPublisher,
  PostsService,
  ThreadsService,
  ModerationService,
  FlagsService,
  ThreadModeratorLoader,
  FlaggedPostLoader,
];

/** How an app that pushes forum changes to clients binds its publisher (see {@link ForumModule.forRoot}). */
export interface ForumModuleOptions {
  /** Replaces the no-op ForumPublisher for every forum service of this app. */
  publisher: Type<ForumPublisher>;
  /** What the publisher needs, provided inside the forum module (they may inject its services). */
  providers?: Provider[];
}

@Module({
  imports: [
    TypeOrmModule.forFeature([Thread, Post, PostMention, PostFlag, ModerationAction, HubMute]),
    AgenciesModule,
    AuthModule,
    InnovationsModule,
    ReplicationsModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class ForumModule {
  /**
   * The forum with changes published through `publisher` (the api: its socket.io gateway). Plain
   * `ForumModule` (worker, CLI) keeps the no-op publisher. The dynamic providers come after the
   * static ones, so the publisher given here is the one the services get and the module exports.
   */
  static forRoot(options: ForumModuleOptions): DynamicModule {
    return {
      module: ForumModule,
      providers: [...(options.providers ?? []), { provide: ForumPublisher, useClass: options.publisher }],
    };
  }
}
