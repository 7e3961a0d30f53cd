import {
  MEMBER_KINDS,
  MemberKind,
  scopesOf,
  type FactShape,
  type SpreadDimension,
} from '../spread/spread-dimension';

export interface CellDelta {
  dim: SpreadDimension;
  key: string;
  year: number;
  status: string;
  delta: number;
}

export interface MemberDelta {
  dim: SpreadDimension;
  key: string;
  kind: MemberKind;
  memberId: number;
  year: number;
  delta: number;
}

/**
 * How the rollups move when a replication goes from one counted shape to another (null: not
 * counted). Contributions that appear on both sides cancel, so an unchanged replication moves
 * nothing and a state change moves only its cells.
 */
export function factDelta(
  before: FactShape | null,
  after: FactShape | null,
): { cells: CellDelta[]; members: MemberDelta[] } {
  const cells = new Map<string, CellDelta>();
  const members = new Map<string, MemberDelta>();
  const add = (fact: FactShape | null, sign: 1 | -1) => {
    if (!fact) return;
    for (const { dim, key } of scopesOf(fact)) {
      const cellKey = `${dim}|${key}|${fact.year}|${fact.status}`;
      const cell = cells.get(cellKey) ?? { dim, key, year: fact.year, status: fact.status, delta: 0 };
      cell.delta += sign;
      cells.set(cellKey, cell);
      for (const kind of MEMBER_KINDS) {
        const memberId = kind === MemberKind.AGENCY ? fact.adopterAgencyId : fact.innovationId;
        const memberKey = `${dim}|${key}|${kind}|${memberId}|${fact.year}`;
        const member = members.get(memberKey) ?? { dim, key, kind, memberId, year: fact.year, delta: 0 };
        member.delta += sign;
        members.set(memberKey, member);
      }
    }
  };
  add(before, -1);
  add(after, 1);
  return {
    cells: [...cells.values()].filter((c) => c.delta !== 0),
    members: [...members.values()].filter((m) => m.delta !== 0),
  };
}
