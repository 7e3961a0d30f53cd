import {
  GapMapService,
  HubActivityService,
  InnovationInsightsService,
  LineageGraphService,
  SpreadGroupBy,
  SpreadQueryService,
} from '@jipp/analytics';
import { OptionalUser, Public, type AuthUser } from '@jipp/core';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import {
  GapMap,
  HubActivity,
  InnovationFunnelReport,
  LineageGraph,
  ReplicationSpread,
  SpreadFilter,
  TopInnovation,
  TopInnovationsArgs,
} from './analytics.types';
import { DashboardAccess } from './dashboard-access';

/**
 * The dashboards' questions. Public by default (published data only); DASHBOARD_REQUIRE_LOGIN
 * keeps them for signed-in users.
 */
@Resolver()
export class AnalyticsResolver {
  constructor(
    private readonly access: DashboardAccess,
    private readonly spread: SpreadQueryService,
    private readonly insights: InnovationInsightsService,
    private readonly gaps: GapMapService,
    private readonly hubs: HubActivityService,
    private readonly lineage: LineageGraphService,
  ) {}

  @Public()
  @Query(() => ReplicationSpread, {
    description:
      'Replications by state, distinct adopter agencies and innovations replicated, per group. ' +
      'Year ranges (and a province, for PROVINCE and REGENCY) come from the rollups; other filters are slower.',
  })
  replicationSpread(
    @Args('groupBy', { type: () => SpreadGroupBy }) groupBy: SpreadGroupBy,
    @Args('filter', { type: () => SpreadFilter, nullable: true }) filter: SpreadFilter | null,
    @OptionalUser() viewer: AuthUser | undefined,
  ): Promise<ReplicationSpread> {
    this.access.check(viewer);
    return this.spread.spread(groupBy, filter ?? {});
  }

  @Public()
  @Query(() => InnovationFunnelReport, {
    description: "An innovation's funnel: views, watchers, requests, agreed, live.",
  })
  innovationFunnel(
    @Args('innovationId', { type: () => Int }) innovationId: number,
    @OptionalUser() viewer: AuthUser | undefined,
  ): Promise<InnovationFunnelReport> {
    this.access.check(viewer);
    return this.insights.funnel(innovationId, viewer ?? null);
  }

  @Public()
  @Query(() => [TopInnovation], { description: 'The published innovations that spread furthest.' })
  topInnovations(
    @Args() args: TopInnovationsArgs,
    @OptionalUser() viewer: AuthUser | undefined,
  ): Promise<TopInnovation[]> {
    this.access.check(viewer);
    return this.insights.top(args.by, args.filter ?? {}, args.first);
  }

  @Public()
  @Query(() => GapMap, {
    description: "A province's regencies and cities: what each adopted, and which adopted nothing.",
  })
  gapMap(
    @Args('provinceCode') provinceCode: string,
    @Args('categoryId', { type: () => Int, nullable: true }) categoryId: number | null,
    @OptionalUser() viewer: AuthUser | undefined,
  ): Promise<GapMap> {
    this.access.check(viewer);
    return this.gaps.gapMap(provinceCode, categoryId ?? null);
  }

  @Public()
  @Query(() => HubActivity, {
    description:
      "A hub's weeks between two dates (YYYY-MM-DD, at most 106 weeks): replications, steps, stalls, posts.",
  })
  hubActivity(
    @Args('hubId', { type: () => Int }) hubId: number,
    @Args('from') from: string,
    @Args('to') to: string,
    @OptionalUser() viewer: AuthUser | undefined,
  ): Promise<HubActivity> {
    this.access.check(viewer);
    return this.hubs.activity(hubId, from, to);
  }

  @Public()
  @Query(() => LineageGraph, {
    description: 'The lineage of an innovation as nodes and edges, ready to draw.',
  })
  lineageGraph(
    @Args('innovationId', { type: () => Int }) innovationId: number,
    @OptionalUser() viewer: AuthUser | undefined,
  ): Promise<LineageGraph> {
    this.access.check(viewer);
    return this.lineage.graph(viewer ?? null, innovationId);
  }
}
