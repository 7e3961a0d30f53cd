import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Agency } from '../agencies/agency.entity';
import { ForumService } from './forum.service';
import { User } from './user.entity';

@Resolver(() => User)
export class UsersResolver {
  constructor(private readonly forumService: ForumService) {}

  @ResolveField(() => Agency)
  async agency(@Parent() user: User): Promise<Agency> {
    return (await this.forumService.findAgency(user.agencyId))!;
  }
}
