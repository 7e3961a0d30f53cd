import { Agency, AgencyByIdLoader } from '@jipp/agencies';
import {
  AppError,
  CurrentUser,
  OptionalUser,
  Public,
  Role,
  Roles,
  SignedIn,
  type AuthUser,
  type GraphqlContext,
} from '@jipp/core';
import {
  AwardsByInnovationLoader,
  AwardsService,
  CategoriesService,
  Innovation,
  INNOVATION_DETAILS,
  InnovationAward,
  InnovationCategory,
  InnovationStatus,
  InnovationsService,
  InnovationViewCounter,
  ViewerWatchesLoader,
  visitorOf,
  type InnovationDetail,
  WatchesService,
} from '@jipp/innovations';
import { Province, Regency, RegionsService } from '@jipp/regions';
import { Args, Context, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { isFieldRequested, selectedFieldNames } from '../common/requested-fields';
import { PlainFieldResolvers } from '../graphql/plain-field-resolvers';
import {
  AddAwardInput,
  CreateCategoryInput,
  CreateInnovationInput,
  DuplicateCheckInput,
  InnovationsArgs,
  UpdateInnovationInput,
} from './innovation.inputs';
import {
  CreateInnovationPayload,
  InnovationConnection,
  InnovationFunnel,
  InnovatorContact,
} from './innovation.types';

const REQUIRED_ON_CREATE = [
  'title',
  'summary',
  'problem',
  'approach',
  'novelty',
  'impact',
  'categoryId',
  'digital',
  'stage',
  'launchYear',
] as const;

@Resolver(() => Innovation)
export class InnovationsResolver {
  constructor(
    private readonly catalogue: InnovationsService,
    private readonly awards: AwardsService,
    private readonly categories: CategoriesService,
    private readonly watches: WatchesService,
    private readonly regions: RegionsService,
    private readonly agencyById: AgencyByIdLoader,
    private readonly awardsByInnovation: AwardsByInnovationLoader,
    private readonly viewCounter: InnovationViewCounter,
    private readonly viewerWatches: ViewerWatchesLoader,
    plainFields: PlainFieldResolvers,
  ) {
    // a catalogue card's fields: called per item of every page
    plainFields.register<Innovation>('Innovation', {
      category: (innovation) => this.category(innovation),
      originAgency: (innovation, ctx) => this.originAgency(innovation, ctx),
      province: (innovation) => this.province(innovation),
      regency: (innovation) => this.regency(innovation),
      awards: (innovation, ctx) => this.awardsOf(innovation, ctx),
      funnel: (innovation) => this.funnel(innovation),
    });
  }

  // ---------------------------------------------------------------- queries

  @Public()
  @Query(() => InnovationConnection, {
    description:
      'The catalogue: full-text search, filters and cursor pagination. Published ones only unless asked.',
  })
  innovations(
    @OptionalUser() viewer: AuthUser | undefined,
    @Args() args: InnovationsArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InnovationConnection> {
    return this.catalogue.list(
      viewer ?? null,
      args.filter ?? {},
      args.orderBy,
      { first: args.first, after: args.after, withTotalCount: isFieldRequested(info, 'totalCount') },
      requestedDetails(info, ['edges', 'node']),
    );
  }

  @Public()
  @Query(() => Innovation, { description: 'One innovation, by id or by slug.' })
  async innovation(
    @OptionalUser() viewer: AuthUser | undefined,
    @Context() ctx: GraphqlContext,
    @Info() info: GraphQLResolveInfo,
    @Args('id', { type: () => Int, nullable: true }) id?: number,
    @Args('slug', { nullable: true }) slug?: string,
  ): Promise<Innovation> {
    if ((id === undefined || id === null) === (slug === undefined || slug === null)) {
      throw AppError.badInput('Pass exactly one of id and slug.', [
        { field: 'id', message: 'or slug, not both' },
      ]);
    }
    const key = id != null ? { id } : { slug: slug! };
    const fields = selectedFieldNames(info, []);
    let innovation: Innovation;
    if (fields.has('awards')) {
      // the awards come with the innovation, in one statement: the awards field finds them loaded
      const read = await this.catalogue.getWithAwards(viewer ?? null, key, detailsIn(fields));
      ctx.loaders.get(this.awardsByInnovation).prime(read.innovation.id, read.awards);
      innovation = read.innovation;
    } else {
      innovation = await this.catalogue.get(viewer ?? null, key, detailsIn(fields));
    }
    // the page's view (published ones), once per visitor per day; anonymous visitors may send
    // `x-visitor-id`. Not awaited and never rejects: a page view never waits on, or fails with, it
    if (innovation.status === InnovationStatus.PUBLISHED) {
      void this.viewCounter.record(innovation.id, visitorOf(ctx.req));
    }
    return innovation;
  }

  @Public()
  @Query(() => [Innovation], { description: 'Published innovations that solve a similar problem.' })
  similarInnovations(
    @OptionalUser() viewer: AuthUser | undefined,
    @Args('id', { type: () => Int }) id: number,
    @Args('first', { type: () => Int, defaultValue: 5 }) first: number,
  ): Promise<Innovation[]> {
    return this.catalogue.similar(viewer ?? null, id, clampFirst(first));
  }

  @SignedIn()
  @Query(() => [Innovation], {
    description: 'While writing a draft: published innovations with the same problem, to replicate instead.',
  })
  possibleDuplicates(@Args('input') input: DuplicateCheckInput): Promise<Innovation[]> {
    return this.catalogue.possibleDuplicates(input);
  }

  @Public()
  @Query(() => [InnovationCategory], { description: 'Categories, newest competition year first.' })
  innovationCategories(
    @Args('competitionYear', { type: () => Int, nullable: true }) competitionYear?: number,
  ): Promise<InnovationCategory[]> {
    return this.categories.list(competitionYear ?? undefined);
  }

  // ---------------------------------------------------------------- mutations

  @SignedIn()
  @Mutation(() => CreateInnovationPayload, {
    description: 'Writes a draft for your agency, and lists published innovations it may duplicate.',
  })
  createInnovation(
    @CurrentUser() user: AuthUser,
    @Args('input') input: CreateInnovationInput,
  ): Promise<CreateInnovationPayload> {
    const missing = REQUIRED_ON_CREATE.filter((field) => input[field] === undefined || input[field] === null);
    if (missing.length) {
      throw AppError.badInput(
        `Missing: ${missing.join(', ')}.`,
        missing.map((field) => ({ field: `input.${field}`, message: 'is required' })),
      );
    }
    return this.catalogue.create(user, {
      ...input,
      title: input.title!,
      summary: input.summary!,
      problem: input.problem!,
      approach: input.approach!,
      novelty: input.novelty!,
      impact: input.impact!,
      categoryId: input.categoryId!,
      digital: input.digital!,
      stage: input.stage!,
      launchYear: input.launchYear!,
      sdgGoals: input.sdgGoals ?? [],
    });
  }

  @SignedIn()
  @Mutation(() => Innovation, { description: 'Edits an innovation; pass the version you read.' })
  updateInnovation(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => Int }) id: number,
    @Args('input') input: UpdateInnovationInput,
  ): Promise<Innovation> {
    const { version, ...changes } = input;
    return this.catalogue.update(user, id, version, changes);
  }

  @Roles(Role.AGENCY_ADMIN, Role.ADMIN)
  @Mutation(() => Innovation, { description: 'Publishes a draft of your agency: the whole network sees it.' })
  publishInnovation(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => Int }) id: number,
    @Args('version', { type: () => Int }) version: number,
  ): Promise<Innovation> {
    return this.catalogue.publish(user, id, version);
  }

  @Roles(Role.AGENCY_ADMIN, Role.ADMIN)
  @Mutation(() => Innovation, { description: 'Archives a published innovation: it leaves the catalogue.' })
  archiveInnovation(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => Int }) id: number,
    @Args('version', { type: () => Int }) version: number,
  ): Promise<Innovation> {
    return this.catalogue.archive(user, id, version);
  }

  @SignedIn()
  @Mutation(() => Innovation, { description: 'Follow an innovation: you hear about its replications.' })
  async watchInnovation(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => Int }) id: number,
  ): Promise<Innovation> {
    await this.watches.watch(user, id);
    return this.catalogue.get(user, { id });
  }

  @SignedIn()
  @Mutation(() => Innovation)
  async unwatchInnovation(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => Int }) id: number,
  ): Promise<Innovation> {
    await this.watches.unwatch(user, id);
    return this.catalogue.get(user, { id });
  }

  @Roles(Role.ADMIN)
  @Mutation(() => InnovationAward, { description: 'National admins record an award.' })
  addInnovationAward(
    @CurrentUser() user: AuthUser,
    @Args('input') input: AddAwardInput,
  ): Promise<InnovationAward> {
    const { innovationId, ...award } = input;
    return this.awards.add(user, innovationId, award);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => InnovationAward, { description: 'Removes an award recorded by mistake.' })
  removeInnovationAward(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => Int }) id: number,
  ): Promise<InnovationAward> {
    return this.awards.remove(user, id);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => InnovationCategory, { description: "Adds a category for a competition year's rules." })
  createInnovationCategory(
    @CurrentUser() user: AuthUser,
    @Args('input') input: CreateCategoryInput,
  ): Promise<InnovationCategory> {
    return this.categories.create(user, input);
  }

  // ---------------------------------------------------------------- fields

  @ResolveField(() => InnovationCategory)
  category(@Parent() innovation: Innovation): Promise<InnovationCategory> | InnovationCategory {
    return innovation.category ?? this.categories.require(innovation.categoryId, 'categoryId');
  }

  @ResolveField(() => Agency)
  async originAgency(@Parent() innovation: Innovation, @Context() ctx: GraphqlContext): Promise<Agency> {
    if (innovation.originAgency) return innovation.originAgency;
    const agency = await ctx.loaders.get(this.agencyById).load(innovation.originAgencyId);
    if (!agency) throw new Error(`innovation ${innovation.id} has no origin agency`);
    return agency;
  }

  @ResolveField(() => Province, { description: 'Province of the origin agency.' })
  province(@Parent() innovation: Innovation): Promise<Province> {
    return this.regions.province(innovation.provinceCode);
  }

  @ResolveField(() => Regency, {
    nullable: true,
    description: 'Regency or city of the origin agency, if any.',
  })
  async regency(@Parent() innovation: Innovation): Promise<Regency | null> {
    if (innovation.regionCode === innovation.provinceCode) return null;
    return (await this.regions.findByCode(innovation.regionCode)) as Regency | null;
  }

  @ResolveField('awards', () => [InnovationAward], { description: 'Newest first.' })
  awardsOf(@Parent() innovation: Innovation, @Context() ctx: GraphqlContext): Promise<InnovationAward[]> {
    return ctx.loaders.get(this.awardsByInnovation).load(innovation.id);
  }

  @ResolveField(() => InnovatorContact, { nullable: true, description: 'Signed-in users only.' })
  contact(
    @Parent() innovation: Innovation,
    @OptionalUser() viewer: AuthUser | undefined,
  ): InnovatorContact | null {
    if (!viewer) return null;
    return {
      unit: innovation.contactUnit,
      name: innovation.contactName,
      email: innovation.contactEmail,
      phone: innovation.contactPhone,
    };
  }

  @ResolveField(() => Boolean, {
    nullable: true,
    description: 'Whether you watch it (null when not signed in).',
  })
  viewerIsWatching(
    @Parent() innovation: Innovation,
    @OptionalUser() viewer: AuthUser | undefined,
    @Context() ctx: GraphqlContext,
  ): Promise<boolean> | null {
    if (!viewer) return null;
    return ctx.loaders.get(this.viewerWatches).load({ userId: viewer.id, innovationId: innovation.id });
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

/** The long texts and the contact the client asked for on the innovations at `path`: the rest stays in the database. */
function requestedDetails(info: GraphQLResolveInfo, path: readonly string[]): InnovationDetail[] {
  return detailsIn(selectedFieldNames(info, path));
}

/** The long texts and the contact among these selected fields. */
function detailsIn(fields: ReadonlySet<string>): InnovationDetail[] {
  return INNOVATION_DETAILS.filter((detail) => fields.has(detail));
}

function clampFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > 20) {
    throw AppError.badInput('first must be between 1 and 20.', [{ field: 'first', message: 'must be 1-20' }]);
  }
  return first;
}
