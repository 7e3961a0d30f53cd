import type { Agency } from '@jipp/agencies';
import { AppError, type AuthUser } from '@jipp/core';
import { type Innovation, InnovationsService } from '@jipp/innovations';
import { type Region, RegionsService } from '@jipp/regions';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ReplicationModification } from '../modifications/replication-modification.entity';
import { Outcome } from '../outcomes/replication-outcome.entity';
import { Replication } from '../replications/replication.entity';
import type { ReplicationStatus } from '../state/replication-state';
import {
  buildLineageTree,
  DEFAULT_LINEAGE_DEPTH,
  depthCapProblem,
  type LineageTreeEdge,
  maxDepthProblem,
} from './lineage-tree';
import { compareOutcomes, type IndicatorComparison } from './outcome-comparison';

export interface LineageOptions {
  /** 1..20, default 10: a deeper lineage is refused with BAD_USER_INPUT naming its depth. */
  maxDepth?: number;
  /** Also show rejected and withdrawn requests (default: not). */
  includeClosed?: boolean;
}

export interface LineageNodeView {
  key: string;
  replicationId: number | null;
  parentKey: string | null;
  parentReplicationId: number | null;
  depth: number;
  /** The adopter; the origin agency for the origin node. */
  agency: Agency;
  province: Region;
  /** Null for agencies at province or national level. */
  regency: Region | null;
  /** Null for the origin. */
  status: ReplicationStatus | null;
  implementationDate: string | null;
  requestedAt: Date | null;
  modifications: ReplicationModification[];
  /** The replica's outcomes; for the origin node, the innovation's own (no replication). */
  outcomes: Outcome[];
}

export interface LineageView {
  innovation: Innovation;
  depth: number;
  maxDepth: number;
  includesClosed: boolean;
  replicationCount: number;
  nodes: LineageNodeView[];
  edges: LineageTreeEdge[];
  statusCounts: Array<{ status: ReplicationStatus; count: number }>;
}

/** A replica as the comparison shows it: who adopted it and where it stands. */
export interface ComparedReplication {
  replicationId: number;
  adopterAgency: Agency;
  status: ReplicationStatus;
}

export interface OutcomeComparisonView {
  innovation: Innovation;
  indicators: Array<IndicatorComparison<ComparedReplication>>;
}

/**
 * Reading replications as a whole: the lineage of who copied whom, and the outcomes side by side.
 * Each answer costs a fixed number of queries, however many replications there are: the innovation
 * (with its origin agency), the replications (with their adopters), their modifications, the
 * outcomes. Regions come from the in-memory region index.
 */
@Injectable()
export class LineageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly innovations: InnovationsService,
    private readonly regions: RegionsService,
  ) {}

  async lineage(
    viewer: AuthUser | null,
    innovationId: number,
    options: LineageOptions = {},
  ): Promise<LineageView> {
    const maxDepth = options.maxDepth ?? DEFAULT_LINEAGE_DEPTH;
    const badDepth = maxDepthProblem(maxDepth);
    if (badDepth)
      throw AppError.badInput(`maxDepth ${badDepth}.`, [{ field: 'maxDepth', message: badDepth }]);
    const includeClosed = options.includeClosed ?? false;

    // NOT_FOUND for unknown innovations and for drafts the viewer may not see
    const innovation = await this.innovations.get(viewer, { id: innovationId });
    const [replications, modifications, outcomes] = await Promise.all([
      this.replicationsOf(innovationId),
      this.dataSource
        .getRepository(ReplicationModification)
        .createQueryBuilder('m')
        .innerJoin(Replication, 'r', 'r.id = m.replicationId')
        .where('r.innovationId = :innovationId', { innovationId })
        .orderBy('m.id', 'ASC')
        .getMany(),
      this.outcomesOf(innovationId),
    ]);

    const tree = buildLineageTree(replications, { includeClosed });
    const tooDeep = depthCapProblem(tree.depth, maxDepth);
    if (tooDeep) throw AppError.badInput(`${tooDeep}.`, [{ field: 'maxDepth', message: tooDeep }]);

    const modificationsOf = groupBy(modifications, (m) => m.replicationId);
    const outcomesOf = groupBy(outcomes, (o) => o.replicationId ?? 0);
    const nodes: LineageNodeView[] = [];
    for (const node of tree.nodes) {
      const r = node.replication;
      const agency = r ? r.adopterAgency! : innovation.originAgency!;
      const { province, regency } = await this.regionsOf(
        r ? r.adopterRegionCode : innovation.regionCode,
        r ? r.adopterProvinceCode : innovation.provinceCode,
      );
      nodes.push({
        key: node.key,
        replicationId: r?.id ?? null,
        parentKey: node.parentKey,
        parentReplicationId: node.parentReplicationId,
        depth: node.depth,
        agency,
        province,
        regency,
        status: r?.status ?? null,
        implementationDate: r?.implementationDate ?? null,
        requestedAt: r?.requestedAt ?? null,
        modifications: r ? (modificationsOf.get(r.id) ?? []) : [],
        outcomes: outcomesOf.get(r?.id ?? 0) ?? [],
      });
    }
    return {
      innovation,
      depth: tree.depth,
      maxDepth,
      includesClosed: includeClosed,
      replicationCount: nodes.length - 1,
      nodes,
      edges: tree.edges,
      statusCounts: tree.statusCounts,
    };
  }

  /** The origin's outcomes and each replica's, grouped by indicator and unit. */
  async outcomeComparison(viewer: AuthUser | null, innovationId: number): Promise<OutcomeComparisonView> {
    const innovation = await this.innovations.get(viewer, { id: innovationId });
    const [replications, outcomes] = await Promise.all([
      this.replicationsOf(innovationId),
      this.outcomesOf(innovationId),
    ]);
    const compared = new Map<number, ComparedReplication>(
      replications.map((r) => [
        r.id,
        { replicationId: r.id, adopterAgency: r.adopterAgency!, status: r.status },
      ]),
    );
    return { innovation, indicators: compareOutcomes(outcomes, compared) };
  }

  private replicationsOf(innovationId: number): Promise<Replication[]> {
    return this.dataSource
      .getRepository(Replication)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.adopterAgency', 'adopter')
      .where('r.innovationId = :innovationId', { innovationId })
      .orderBy('r.id', 'ASC')
      .getMany();
  }

  private outcomesOf(innovationId: number): Promise<Outcome[]> {
    return this.dataSource
      .getRepository(Outcome)
      .createQueryBuilder('o')
      .where('o.innovationId = :innovationId', { innovationId })
      .orderBy('o.id', 'ASC')
      .getMany();
  }

  private async regionsOf(
    regionCode: string,
    provinceCode: string,
  ): Promise<{ province: Region; regency: Region | null }> {
    const province = await this.regions.province(provinceCode);
    const regency =
      regionCode === provinceCode ? null : ((await this.regions.findByCode(regionCode)) ?? null);
    return { province, regency };
  }
}

function groupBy<T, K>(rows: readonly T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
