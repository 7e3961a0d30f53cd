import { Agency } from '@jipp/agencies';
import { Innovation } from '@jipp/innovations';
import { Province, Regency, type Region } from '@jipp/regions';
import {
  DEFAULT_LINEAGE_DEPTH,
  MAX_LINEAGE_DEPTH,
  Outcome,
  OutcomeUnit,
  ReplicationModification,
  ReplicationStatus,
} from '@jipp/replications';
import { ArgsType, Field, Float, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

@ArgsType()
export class LineageArgs {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  innovationId: number;

  @Field(() => Int, {
    defaultValue: DEFAULT_LINEAGE_DEPTH,
    description: `1–${MAX_LINEAGE_DEPTH}. A deeper lineage is refused with BAD_USER_INPUT naming its depth.`,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_LINEAGE_DEPTH)
  maxDepth: number = DEFAULT_LINEAGE_DEPTH;

  @Field({
    defaultValue: false,
    description: 'Also show rejected and withdrawn requests (they are left out by default).',
  })
  @IsOptional()
  @IsBoolean()
  includeClosed: boolean = false;
}

@ObjectType({ description: 'The origin, or one replication, in the lineage of an innovation.' })
export class LineageNode {
  @Field({ description: '`origin`, or `replication:<id>`: what edges point at.' })
  key: string;

  @Field(() => Int, { nullable: true, description: 'Null for the origin.' })
  replicationId: number | null;

  @Field(() => String, { nullable: true, description: "The parent's key; null for the origin." })
  parentKey: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'The source replication this one copied; null when copied from the origin (or for the origin).',
  })
  parentReplicationId: number | null;

  @Field(() => Int, { description: 'The origin is 0, a copy of it 1, a copy of that copy 2...' })
  depth: number;

  @Field(() => Agency, {
    description: 'The adopter; for the origin, the agency that created the innovation.',
  })
  agency: Agency;

  @Field(() => Province)
  province: Region;

  @Field(() => Regency, { nullable: true, description: 'Null for province-level and national agencies.' })
  regency: Region | null;

  @Field(() => ReplicationStatus, { nullable: true, description: 'Null for the origin.' })
  status: ReplicationStatus | null;

  @Field(() => String, { nullable: true, description: 'The day it went live (YYYY-MM-DD).' })
  implementationDate: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Null for the origin.' })
  requestedAt: Date | null;

  @Field(() => [ReplicationModification], { description: 'What the adopter changed, and why.' })
  modifications: ReplicationModification[];

  @Field(() => [Outcome], { description: "The replica's outcomes; for the origin, the innovation's own." })
  outcomes: Outcome[];
}

@ObjectType({ description: 'Who copied whom: from the source (or the origin) to the replication.' })
export class LineageEdge {
  @Field({ description: 'The key of the source node.' })
  from: string;

  @Field({ description: 'The key of the replication that copied it.' })
  to: string;

  @Field(() => Int, { nullable: true, description: 'Null when the source is the origin.' })
  fromReplicationId: number | null;

  @Field(() => Int)
  toReplicationId: number;
}

@ObjectType()
export class ReplicationStatusCount {
  @Field(() => ReplicationStatus)
  status: ReplicationStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'The tree of replications of an innovation, rooted at the origin.' })
export class Lineage {
  @Field(() => Innovation)
  innovation: Innovation;

  @Field(() => Int, { description: 'The deepest node: 0 when nobody replicated it yet.' })
  depth: number;

  @Field(() => Int)
  maxDepth: number;

  @Field({ description: 'Whether rejected and withdrawn requests are shown.' })
  includesClosed: boolean;

  @Field(() => Int, { description: 'Replications shown (every node but the origin).' })
  replicationCount: number;

  @Field(() => [LineageNode], {
    description: 'The origin first, then each node before its children (siblings by request date).',
  })
  nodes: LineageNode[];

  @Field(() => [LineageEdge])
  edges: LineageEdge[];

  @Field(() => [ReplicationStatusCount], { description: 'Replications shown per status.' })
  statusCounts: ReplicationStatusCount[];
}

@ObjectType({ description: 'Baseline and latest value of an outcome, with the change.' })
export class OutcomeFigures {
  @Field(() => Int)
  outcomeId: number;

  @Field(() => Float)
  baselineValue: number;

  @Field({ description: 'YYYY-MM-DD' })
  baselineDate: string;

  @Field(() => Float, { nullable: true })
  latestValue: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  latestDate: string | null;

  @Field(() => String, { nullable: true })
  source: string | null;

  @Field(() => Float, { nullable: true, description: 'latest − baseline; null without a latest value.' })
  change: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'The change in percent of |baseline|; null when the baseline is 0 or there is no latest value.',
  })
  changePercent: number | null;
}

@ObjectType({ description: "One replica's figures for an indicator." })
export class ReplicaOutcome extends OutcomeFigures {
  @Field(() => Int)
  replicationId: number;

  @Field(() => Agency)
  adopterAgency: Agency;

  @Field(() => ReplicationStatus)
  status: ReplicationStatus;
}

@ObjectType({ description: "One indicator: the origin's figures and each replica's, side by side." })
export class IndicatorComparison {
  @Field({ description: 'As the origin wrote it, else as the first replica did.' })
  indicator: string;

  @Field(() => OutcomeUnit)
  unit: OutcomeUnit;

  @Field(() => OutcomeFigures, { nullable: true, description: 'Null when the origin did not report it.' })
  origin: OutcomeFigures | null;

  @Field(() => [ReplicaOutcome], { description: 'One per replication that reported it.' })
  replicas: ReplicaOutcome[];
}

@ObjectType({ description: "The origin's outcomes and its replicas', grouped by indicator and unit." })
export class OutcomeComparison {
  @Field(() => Innovation)
  innovation: Innovation;

  @Field(() => [IndicatorComparison], {
    description: 'Indicators match whatever their case and spacing; the origin’s first.',
  })
  indicators: IndicatorComparison[];
}
