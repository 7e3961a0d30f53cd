import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import type { TokenClaims } from '../auth/token-claims';
import { encodeCursor } from '../common/cursor';
import { NetworkMember } from './network-member.entity';
import type { PostConnection } from './post-connection.type';
import { Post } from './post.entity';
import { Thread } from './thread.entity';

@Injectable()
export class ForumService {
  constructor(
    @InjectRepository(Thread) private readonly threads: Repository<Thread>,
    @InjectRepository(NetworkMember) private readonly members: Repository<NetworkMember>,
    @InjectRepository(Post) private readonly posts: Repository<Post>,
    @InjectRepository(Agency) private readonly agencies: Repository<Agency>,
  ) {}

  /** A hub thread's posts, oldest first, with their authors; for members of the hub's agencies. */
  async findPosts(user: TokenClaims, threadId: number, first: number): Promise<PostConnection> {
    const thread = await this.threads.findOneBy({ id: threadId });
    const allowed =
      thread !== null &&
      (user.role === 'ADMIN' ||
        (thread.hubId !== null &&
          (await this.members.existsBy({ networkId: thread.hubId, agencyId: user.agency }))));
    if (!allowed) throw new NotFoundException(`Thread ${threadId} not found`);

    const rows = await this.posts.find({
      where: { threadId },
      relations: { author: true },
      order: { id: 'ASC' },
      take: first + 1,
    });
    const edges = rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor([node.id]) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  findAgency(id: number): Promise<Agency | null> {
    return this.agencies.findOneBy({ id });
  }
}
