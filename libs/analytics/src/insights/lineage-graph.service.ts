import type { AuthUser } from '@jipp/core';
import { LineageService } from '@jipp/replications';
import { Injectable } from '@nestjs/common';

export enum LineageNodeKind {
  INNOVATION = 'INNOVATION',
  REPLICATION = 'REPLICATION',
}

export interface LineageGraphNodeResult {
  id: string;
  kind: LineageNodeKind;
  label: string;
  agencyName: string;
  provinceCode: string | null;
  status: string | null;
  depth: number;
}

export interface LineageGraphResult {
  innovationId: number;
  nodes: LineageGraphNodeResult[];
  edges: Array<{ source: string; target: string }>;
}

const nodeId = (replicationId: number | null, innovationId: number): string =>
  replicationId === null ? `innovation:${innovationId}` : `replication:${replicationId}`;

/** The lineage (who copied whom) as nodes and edges ready to draw. */
@Injectable()
export class LineageGraphService {
  constructor(private readonly lineage: LineageService) {}

  async graph(viewer: AuthUser | null, innovationId: number): Promise<LineageGraphResult> {
    const view = await this.lineage.lineage(viewer, innovationId);
    const keyToId = new Map(view.nodes.map((n) => [n.key, nodeId(n.replicationId, innovationId)]));
    return {
      innovationId,
      nodes: view.nodes.map((n) => ({
        id: nodeId(n.replicationId, innovationId),
        kind: n.replicationId === null ? LineageNodeKind.INNOVATION : LineageNodeKind.REPLICATION,
        label: n.replicationId === null ? view.innovation.title : n.agency.name,
        agencyName: n.agency.name,
        provinceCode: n.province?.code ?? null,
        status: n.status,
        depth: n.depth,
      })),
      edges: view.edges.map((e) => ({
        source: keyToId.get(e.from) ?? e.from,
        target: keyToId.get(e.to) ?? e.to,
      })),
    };
  }
}
