import { Args, Context, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Network, NetworkMemberCountLoader, NetworksService } from '@jipp/agencies';
import { CoordinatorsByNetworkLoader, User, UsersService } from '@jipp/auth';
import { CurrentUser, Public, Role, Roles, type AuthUser, type GraphqlContext } from '@jipp/core';
import type { GraphQLResolveInfo } from 'graphql';
import { AgencyConnection } from '../agencies/agency.connection';
import { isFieldRequested } from '../common/requested-fields';
import { CreateNetworkInput, MembersPageArgs, NetworkLookupArgs, NetworkMembersArgs } from './network.inputs';

@Resolver(() => Network)
export class NetworksResolver {
  constructor(
    private readonly networkService: NetworksService,
    private readonly users: UsersService,
    private readonly memberCountLoader: NetworkMemberCountLoader,
    private readonly coordinatorsByNetwork: CoordinatorsByNetworkLoader,
  ) {}

  @Public()
  @Query(() => [Network], { description: 'Every JIPP hub, by name.' })
  networks(): Promise<Network[]> {
    return this.networkService.list();
  }

  @Public()
  @Query(() => Network, { description: 'A hub by id or slug.' })
  network(@Args() args: NetworkLookupArgs): Promise<Network> {
    // an explicit null says as little as leaving the argument out
    return this.networkService.get({ id: args.id ?? undefined, slug: args.slug ?? undefined });
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Network)
  createNetwork(@CurrentUser() user: AuthUser, @Args('input') input: CreateNetworkInput): Promise<Network> {
    return this.networkService.create(user, input);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Int, {
    description: 'Adds agencies to a hub; returns how many joined (members already in it are skipped).',
  })
  addNetworkMembers(@CurrentUser() user: AuthUser, @Args() args: NetworkMembersArgs): Promise<number> {
    return this.networkService.addMembers(user, args.networkId, args.agencyIds);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Int, { description: 'Removes agencies from a hub; returns how many left.' })
  removeNetworkMembers(@CurrentUser() user: AuthUser, @Args() args: NetworkMembersArgs): Promise<number> {
    return this.networkService.removeMembers(user, args.networkId, args.agencyIds);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => User, {
    description: 'Makes a user a coordinator of a hub (their role becomes COORDINATOR).',
  })
  assignCoordinator(
    @CurrentUser() user: AuthUser,
    @Args('networkId', { type: () => Int }) networkId: number,
    @Args('userId', { type: () => Int }) userId: number,
  ): Promise<User> {
    return this.users.assignCoordinator(user, networkId, userId);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => User, {
    description: 'Removes a coordinator from a hub; with no hub left they become a MEMBER.',
  })
  removeCoordinator(
    @CurrentUser() user: AuthUser,
    @Args('networkId', { type: () => Int }) networkId: number,
    @Args('userId', { type: () => Int }) userId: number,
  ): Promise<User> {
    return this.users.removeCoordinator(user, networkId, userId);
  }

  @ResolveField(() => AgencyConnection, { description: 'Member agencies, by name.' })
  members(
    @Parent() network: Network,
    @Args() args: MembersPageArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AgencyConnection> {
    return this.networkService.members(network.id, {
      first: args.first,
      after: args.after,
      withTotalCount: isFieldRequested(info, 'totalCount'),
    });
  }

  @ResolveField(() => Int)
  memberCount(@Parent() network: Network, @Context() ctx: GraphqlContext): Promise<number> {
    return ctx.loaders.get(this.memberCountLoader).load(network.id);
  }

  @ResolveField(() => [User])
  coordinators(@Parent() network: Network, @Context() ctx: GraphqlContext): Promise<User[]> {
    return ctx.loaders.get(this.coordinatorsByNetwork).load(network.id);
  }
}
