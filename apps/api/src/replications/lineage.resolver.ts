import { OptionalUser, Public, type AuthUser } from '@jipp/core';
import { LineageService } from '@jipp/replications';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Lineage, LineageArgs, OutcomeComparison } from './lineage.types';

@Resolver()
export class LineageResolver {
  constructor(private readonly lineageService: LineageService) {}

  @Public()
  @Query(() => Lineage, {
    description:
      'Who copied whom: the tree of replications rooted at the origin, each with its adopter, region, ' +
      'status, depth and modifications. Rejected and withdrawn requests only with includeClosed.',
  })
  lineage(@Args() args: LineageArgs, @OptionalUser() viewer: AuthUser | undefined): Promise<Lineage> {
    return this.lineageService.lineage(viewer ?? null, args.innovationId, {
      maxDepth: args.maxDepth,
      includeClosed: args.includeClosed,
    });
  }

  @Public()
  @Query(() => OutcomeComparison, {
    description: "The origin's outcomes and each replica's, side by side, grouped by indicator and unit.",
  })
  outcomeComparison(
    @Args('innovationId', { type: () => Int }) innovationId: number,
    @OptionalUser() viewer: AuthUser | undefined,
  ): Promise<OutcomeComparison> {
    return this.lineageService.outcomeComparison(viewer ?? null, innovationId);
  }
}
