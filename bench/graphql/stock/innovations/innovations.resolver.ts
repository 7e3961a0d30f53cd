import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Region } from '../regions/region.entity';
import { InnovationConnection } from './innovation-connection.type';
import { InnovationAward } from './innovation-award.entity';
import { InnovationFunnel } from './innovation-funnel.type';
import { Innovation } from './innovation.entity';
import { InnovationsService } from './innovations.service';

@Resolver(() => Innovation)
export class InnovationsResolver {
  constructor(private readonly innovationsService: InnovationsService) {}

  @Query(() => InnovationConnection)
  innovations(
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<InnovationConnection> {
    return this.innovationsService.findPage(first);
  }

  @Query(() => Innovation)
  innovation(@Args('slug') slug: string): Promise<Innovation> {
    return this.innovationsService.findBySlug(slug);
  }

  @ResolveField(() => [Int])
  sdgGoals(@Parent() innovation: Innovation): number[] {
    return innovation.sdgGoals.map(Number).sort((a, b) => a - b);
  }

  @ResolveField(() => Region)
  async province(@Parent() innovation: Innovation): Promise<Region> {
    return (await this.innovationsService.findRegion(innovation.provinceCode))!;
  }

  @ResolveField(() => Region, { nullable: true })
  regency(@Parent() innovation: Innovation): Promise<Region | null> | null {
    if (innovation.regionCode === innovation.provinceCode) return null;
    return this.innovationsService.findRegion(innovation.regionCode);
  }

  @ResolveField(() => [InnovationAward])
  awards(@Parent() innovation: Innovation): Promise<InnovationAward[]> {
    return this.innovationsService.findAwards(innovation.id);
  }

  @ResolveField(() => InnovationFunnel)
  funnel(@Parent() innovation: Innovation): InnovationFunnel {
    return {
      viewed: innovation.viewCount,
      interested: innovation.watcherCount,
      agreed: innovation.agreedCount,
      replicated: innovation.replicatedCount,
      provincesReached: innovation.provincesReached,
    };
  }
}
