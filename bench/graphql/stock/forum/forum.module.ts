import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Agency } from '../agencies/agency.entity';
import { AuthGuard } from '../auth/auth.guard';
import { ForumService } from './forum.service';
import { NetworkMember } from './network-member.entity';
import { Post } from './post.entity';
import { PostsResolver } from './posts.resolver';
import { Thread } from './thread.entity';
import { User } from './user.entity';
import { UsersResolver } from './users.resolver';

@Module({
  imports: [TypeOrmModule.forFeature([Thread, NetworkMember, Post, User, Agency])],
  providers: [ForumService, PostsResolver, UsersResolver, AuthGuard],
})
export class ForumModule {}
