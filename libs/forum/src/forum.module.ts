import { AgenciesModule } from '@jipp/agencies';
import { AuthModule } from '@jipp/auth';
import { Clock } from '@jipp/core';
import { InnovationsModule } from '@jipp/innovations';
import { ReplicationsModule } from '@jipp/replications';
import { Module } from '@nestjs/common';
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

const SERVICES = [Clock, ForumAccess, ForumPublisher, PostsService, ThreadsService];

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
export class ForumModule {}
