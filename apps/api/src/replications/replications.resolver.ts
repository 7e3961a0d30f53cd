import { Agency, AgencyByIdLoader } from '@jipp/agencies';
import { CurrentUser, OptionalUser, SignedIn, type AuthUser, type GraphqlContext } from '@jipp/core';
import { Innovation, InnovationByIdLoader } from '@jipp/innovations';
import { Province, Regency, RegionsService } from '@jipp/regions';
import {
  EventsByReplicationLoader,
  Replication,
  ReplicationAction,
  ReplicationByIdLoader,
  ReplicationEvent,
  ReplicationsService,
} from '@jipp/replications';
import { Args, Context, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { isFieldRequested } from '../common/requested-fields';
import { ReplicationsArgs, RequestReplicationInput, TransitionReplicationInput } from './replication.inputs';
import { ReplicationConnection } from './replication.types';

@Resolver(() => Replication)
export class ReplicationsResolver {
  constructor(
    private readonly replicationService: ReplicationsService,
    private readonly regions: RegionsService,
    private readonly agencyById: AgencyByIdLoader,
    private readonly innovationById: InnovationByIdLoader,
    private readonly replicationById: ReplicationByIdLoader,
    private readonly eventsByReplication: EventsByReplicationLoader,
  ) {}

  @SignedIn()
  @Query(() => ReplicationConnection, { description: 'Replications, newest request first.' })
  replications(
    @Args() args: ReplicationsArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReplicationConnection> {
    return this.replicationService.list(args.filter ?? {}, {
      first: args.first,
      after: args.after,
      withTotalCount: isFieldRequested(info, 'totalCount'),
    });
  }

  @SignedIn()
  @Query(() => Replication)
  replication(@Args('id', { type: () => Int }) id: number): Promise<Replication> {
    return this.replicationService.get(id);
  }

  @SignedIn()
  @Mutation(() => Replication, {
    description: 'Your agency asks to replicate a published innovation of another agency.',
  })
  requestReplication(
    @CurrentUser() user: AuthUser,
    @Args('input') input: RequestReplicationInput,
  ): Promise<Replication> {
    return this.replicationService.request(user, input);
  }

  @SignedIn()
  @Mutation(() => Replication, {
    description:
      'One step of ATM: APPROVE/REJECT (origin admin or hub coordinator), START_OBSERVING, START_IMITATING, ' +
      'START_MODIFYING, IMPLEMENT, WITHDRAW (adopter), STALL/RESUME/SUSTAIN (hub coordinator).',
  })
  transitionReplication(
    @CurrentUser() user: AuthUser,
    @Args('input') input: TransitionReplicationInput,
  ): Promise<Replication> {
    const { id, version, action, ...data } = input;
    return this.replicationService.transition(user, id, version, action, data);
  }

  @ResolveField(() => Innovation)
  async innovation(@Parent() replication: Replication, @Context() ctx: GraphqlContext): Promise<Innovation> {
    return (await ctx.loaders.get(this.innovationById).load(replication.innovationId))!;
  }

  @ResolveField(() => Agency)
  async adopterAgency(@Parent() replication: Replication, @Context() ctx: GraphqlContext): Promise<Agency> {
    return (await ctx.loaders.get(this.agencyById).load(replication.adopterAgencyId))!;
  }

  @ResolveField(() => Agency, { description: 'The agency whose innovation is replicated.' })
  async originAgency(@Parent() replication: Replication, @Context() ctx: GraphqlContext): Promise<Agency> {
    return (await ctx.loaders.get(this.agencyById).load(replication.originAgencyId))!;
  }

  @ResolveField(() => Agency, { nullable: true })
  facilitatorAgency(
    @Parent() replication: Replication,
    @Context() ctx: GraphqlContext,
  ): Promise<Agency | null> | null {
    return replication.facilitatorAgencyId
      ? ctx.loaders.get(this.agencyById).load(replication.facilitatorAgencyId)
      : null;
  }

  @ResolveField(() => Replication, { nullable: true })
  sourceReplication(
    @Parent() replication: Replication,
    @Context() ctx: GraphqlContext,
  ): Promise<Replication | null> | null {
    return replication.sourceReplicationId
      ? ctx.loaders.get(this.replicationById).load(replication.sourceReplicationId)
      : null;
  }

  @ResolveField(() => Province, { description: "The adopter's province." })
  province(@Parent() replication: Replication): Promise<Province> {
    return this.regions.province(replication.adopterProvinceCode);
  }

  @ResolveField(() => Regency, { nullable: true, description: "The adopter's regency or city, if any." })
  async regency(@Parent() replication: Replication): Promise<Regency | null> {
    if (replication.adopterRegionCode === replication.adopterProvinceCode) return null;
    return (await this.regions.findByCode(replication.adopterRegionCode)) as Regency | null;
  }

  @ResolveField(() => [ReplicationEvent], { description: 'The history, oldest first.' })
  events(@Parent() replication: Replication, @Context() ctx: GraphqlContext): Promise<ReplicationEvent[]> {
    return ctx.loaders.get(this.eventsByReplication).load(replication.id);
  }

  @ResolveField(() => [ReplicationAction], { description: 'The steps you may take now.' })
  availableActions(
    @Parent() replication: Replication,
    @OptionalUser() viewer: AuthUser | undefined,
  ): Promise<ReplicationAction[]> | ReplicationAction[] {
    return viewer ? this.replicationService.availableActions(viewer, replication) : [];
  }
}
