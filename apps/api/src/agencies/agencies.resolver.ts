import { Args, Context, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AgenciesService, Agency, AgencyByIdLoader } from '@jipp/agencies';
import { CurrentUser, Public, Role, Roles, type AuthUser, type GraphqlContext } from '@jipp/core';
import { Province, Regency, RegionLevel, RegionsService } from '@jipp/regions';
import type { GraphQLResolveInfo } from 'graphql';
import { isFieldRequested } from '../common/requested-fields';
import { AgenciesArgs, CreateAgencyInput, UpdateAgencyInput } from './agency.inputs';
import { AgencyConnection } from './agency.connection';

@Resolver(() => Agency)
export class AgenciesResolver {
  constructor(
    private readonly agencyService: AgenciesService,
    private readonly regions: RegionsService,
    private readonly agencyById: AgencyByIdLoader,
  ) {}

  @Public()
  @Query(() => AgencyConnection, { description: 'Agencies by name, filtered and paginated.' })
  agencies(@Args() args: AgenciesArgs, @Info() info: GraphQLResolveInfo): Promise<AgencyConnection> {
    return this.agencyService.list(args.filter ?? {}, {
      first: args.first,
      after: args.after,
      withTotalCount: isFieldRequested(info, 'totalCount'),
    });
  }

  @Public()
  @Query(() => Agency)
  agency(@Args('id', { type: () => Int }) id: number): Promise<Agency> {
    return this.agencyService.get(id);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Agency, {
    description: 'National admins add agencies (ministries, institutions, enterprises...).',
  })
  createAgency(@CurrentUser() user: AuthUser, @Args('input') input: CreateAgencyInput): Promise<Agency> {
    return this.agencyService.create(user, input);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Agency, { description: 'Edits an agency; pass the version you read.' })
  updateAgency(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => Int }) id: number,
    @Args('input') input: UpdateAgencyInput,
  ): Promise<Agency> {
    const { version, ...changes } = input;
    return this.agencyService.update(user, id, version, changes);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Agency, {
    description: 'Deactivates an agency: it stays in history but takes no new users or hubs.',
  })
  deactivateAgency(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => Int }) id: number,
  ): Promise<Agency> {
    return this.agencyService.deactivate(user, id);
  }

  @ResolveField(() => Province)
  async province(@Parent() agency: Agency): Promise<Province> {
    return this.regions.province(agency.provinceCode);
  }

  @ResolveField(() => Regency, {
    nullable: true,
    description: 'The regency or city, for agencies below province level.',
  })
  async regency(@Parent() agency: Agency): Promise<Regency | null> {
    const region = await this.regions.findByCode(agency.regionCode);
    return region && region.level === RegionLevel.REGENCY ? (region as Regency) : null;
  }

  @ResolveField(() => Agency, { nullable: true })
  parent(@Parent() agency: Agency, @Context() ctx: GraphqlContext): Promise<Agency | null> | null {
    return agency.parentId ? ctx.loaders.get(this.agencyById).load(agency.parentId) : null;
  }
}
