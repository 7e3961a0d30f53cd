import { LineageNodeKind, SpreadGroupBy, TopInnovationsBy } from '@jipp/analytics';
import { AwardLevel } from '@jipp/innovations';
import { ReplicationStatus } from '@jipp/replications';
import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';

registerEnumType(SpreadGroupBy, {
  name: 'SpreadGroupBy',
  description:
    "How replications are grouped: the adopter's province, regency/city, hub or type; the category; the request year.",
});
registerEnumType(TopInnovationsBy, {
  name: 'TopInnovationsBy',
  description:
    'REPLICATIONS: adoptions that went live; PROVINCES: provinces reached; VIEWS: catalogue views.',
});
registerEnumType(LineageNodeKind, { name: 'LineageNodeKind' });

@InputType({ description: 'Narrows the replications counted. Years are request years (Asia/Jakarta).' })
export class SpreadFilter {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  yearTo?: number | null;

  @Field(() => Int, { nullable: true, description: "The innovation's category." })
  @IsOptional()
  @IsInt()
  categoryId?: number | null;

  @Field(() => Int, { nullable: true, description: 'Adopters that are members of this hub.' })
  @IsOptional()
  @IsInt()
  hubId?: number | null;

  @Field(() => String, { nullable: true, description: 'The adopter\'s province, e.g. "35".' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode is a two-digit Kemendagri code such as "35"' })
  provinceCode?: string | null;

  @Field(() => AwardLevel, { nullable: true, description: 'Innovations that won an award of this level.' })
  @IsOptional()
  @IsIn(Object.values(AwardLevel))
  awardLevel?: AwardLevel | null;
}

@ObjectType()
export class StateCount {
  @Field(() => ReplicationStatus)
  status: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'One group of a replication spread.' })
export class SpreadRow {
  @Field({
    description: 'Province or regency code, category/hub id, year, agency type; "ALL" for the total.',
  })
  key: string;

  @Field()
  label: string;

  @Field(() => Int, { description: 'Replications in any state.' })
  replications: number;

  @Field(() => Int, { description: 'Of those, implemented or sustained (the adoption went live).' })
  replicated: number;

  @Field(() => Int)
  adopterAgencies: number;

  @Field(() => Int)
  innovationsReplicated: number;

  @Field(() => [StateCount])
  byStatus: StateCount[];
}

@ObjectType()
export class ReplicationSpread {
  @Field(() => SpreadGroupBy)
  groupBy: SpreadGroupBy;

  @Field(() => [SpreadRow], { description: 'Groups with replications, most first (years in order).' })
  rows: SpreadRow[];

  @Field(() => SpreadRow, { description: 'Every replication the filter selects, each counted once.' })
  total: SpreadRow;
}

@ArgsType()
export class TopInnovationsArgs {
  @Field(() => TopInnovationsBy)
  @IsEnum(TopInnovationsBy)
  by: TopInnovationsBy;

  @Field(() => SpreadFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SpreadFilter)
  filter?: SpreadFilter | null;

  @Field(() => Int, { defaultValue: 10, description: '1–100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  first: number;
}

@ObjectType('InnovationFunnelReport', {
  description: "An innovation's funnel for dashboards, with its replications by state.",
})
export class InnovationFunnelReport {
  @Field(() => Int)
  innovationId: number;

  @Field()
  title: string;

  @Field()
  originAgencyName: string;

  @Field(() => Int)
  views: number;

  @Field(() => Int)
  watchers: number;

  @Field(() => Int, { description: 'Replication requests, in any state.' })
  requests: number;

  @Field(() => Int, { description: 'Requests the origin agreed to (approved and beyond).' })
  agreed: number;

  @Field(() => Int, { description: 'Adoptions that went live.' })
  replicated: number;

  @Field(() => Int)
  provincesReached: number;

  @Field(() => [StateCount])
  byStatus: StateCount[];
}

@ObjectType()
export class TopInnovation {
  @Field(() => Int)
  innovationId: number;

  @Field()
  title: string;

  @Field()
  originAgencyName: string;

  @Field()
  provinceCode: string;

  @Field(() => Int, { description: 'The figure ranked by.' })
  value: number;

  @Field(() => Int, {
    description: 'Adoptions that went live (IMPLEMENTED or SUSTAINED), in the filter if any.',
  })
  replications: number;

  @Field(() => Int, { description: 'Provinces where it went live, in the filter if any.' })
  provinces: number;

  @Field(() => Int, { description: 'Catalogue views, all time.' })
  views: number;
}

@ObjectType()
export class GapRegion {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field(() => Int)
  replications: number;

  @Field(() => Int)
  replicated: number;

  @Field(() => Int)
  adopterAgencies: number;

  @Field(() => Int)
  innovationsReplicated: number;
}

@ObjectType({ description: "A province's regencies and cities with their adoptions, and those without any." })
export class GapMap {
  @Field()
  provinceCode: string;

  @Field()
  provinceName: string;

  @Field(() => Int, { nullable: true })
  categoryId: number | null;

  @Field(() => [GapRegion])
  regions: GapRegion[];

  @Field(() => [GapRegion], { description: 'The regencies and cities that adopted nothing.' })
  withoutAdoption: GapRegion[];
}

@ObjectType()
export class HubWeekActivity {
  @Field({ description: 'Monday of the week (Asia/Jakarta), YYYY-MM-DD.' })
  weekStart: string;

  @Field(() => Int)
  newReplications: number;

  @Field(() => Int, { description: 'Steps taken by replications of member agencies.' })
  transitions: number;

  @Field(() => Int, { description: 'Replications that stalled.' })
  stalled: number;

  @Field(() => Int)
  forumPosts: number;
}

@ObjectType()
export class HubActivity {
  @Field(() => Int)
  hubId: number;

  @Field()
  hubName: string;

  @Field()
  from: string;

  @Field()
  to: string;

  @Field(() => [HubWeekActivity], { description: 'Every week of the range, zeros included.' })
  weeks: HubWeekActivity[];
}

@ObjectType()
export class LineageGraphNode {
  @Field({ description: '"innovation:<id>" or "replication:<id>".' })
  id: string;

  @Field(() => LineageNodeKind)
  kind: LineageNodeKind;

  @Field()
  label: string;

  @Field()
  agencyName: string;

  @Field(() => String, { nullable: true })
  provinceCode: string | null;

  @Field(() => ReplicationStatus, { nullable: true })
  status: string | null;

  @Field(() => Int)
  depth: number;
}

@ObjectType({ description: 'From the copied node to the copy.' })
export class LineageGraphEdge {
  @Field()
  source: string;

  @Field()
  target: string;
}

@ObjectType()
export class LineageGraph {
  @Field(() => Int)
  innovationId: number;

  @Field(() => [LineageGraphNode])
  nodes: LineageGraphNode[];

  @Field(() => [LineageGraphEdge])
  edges: LineageGraphEdge[];
}
