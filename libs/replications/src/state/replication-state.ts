import { registerEnumType } from '@nestjs/graphql';

/** Where a replication stands in ATM: Amati (observe), Tiru (imitate), Modifikasi (modify). */
export enum ReplicationStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  OBSERVING = 'OBSERVING',
  IMITATING = 'IMITATING',
  MODIFYING = 'MODIFYING',
  IMPLEMENTED = 'IMPLEMENTED',
  SUSTAINED = 'SUSTAINED',
  STALLED = 'STALLED',
  WITHDRAWN = 'WITHDRAWN',
}

/** The steps a replication can take; `request` creates it. */
export enum ReplicationAction {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  START_OBSERVING = 'START_OBSERVING',
  START_IMITATING = 'START_IMITATING',
  START_MODIFYING = 'START_MODIFYING',
  IMPLEMENT = 'IMPLEMENT',
  SUSTAIN = 'SUSTAIN',
  STALL = 'STALL',
  RESUME = 'RESUME',
  WITHDRAW = 'WITHDRAW',
}

/** How the actor relates to the replication; one user may hold several relations. */
export enum ReplicationRelation {
  /** A user of the adopter agency. */
  ADOPTER_MEMBER = 'ADOPTER_MEMBER',
  /** An agency admin of the innovation's origin agency. */
  ORIGIN_ADMIN = 'ORIGIN_ADMIN',
  /** A coordinator of a hub the adopter agency belongs to. */
  HUB_COORDINATOR = 'HUB_COORDINATOR',
  /** The platform itself (the escalation job). */
  SYSTEM = 'SYSTEM',
}

registerEnumType(ReplicationStatus, { name: 'ReplicationStatus' });
registerEnumType(ReplicationAction, { name: 'ReplicationAction' });

const { ADOPTER_MEMBER, ORIGIN_ADMIN, HUB_COORDINATOR, SYSTEM } = ReplicationRelation;
const S = ReplicationStatus;

/** The states in which the adopter is still working on it (stall and withdraw apply). */
export const WORKING_STATES: readonly ReplicationStatus[] = [
  S.APPROVED,
  S.OBSERVING,
  S.IMITATING,
  S.MODIFYING,
];

/** Every state but the two that end a request without adoption: one such per (innovation, adopter). */
export const ACTIVE_STATES: readonly ReplicationStatus[] = Object.values(S).filter(
  (s) => s !== S.REJECTED && s !== S.WITHDRAWN,
);

/** States that count as "agreed" in the funnel: approved or further. */
export const AGREED_STATES: readonly ReplicationStatus[] = [
  ...WORKING_STATES,
  S.IMPLEMENTED,
  S.SUSTAINED,
  S.STALLED,
];

/** States that count as "replicated" in the funnel. */
export const REPLICATED_STATES: readonly ReplicationStatus[] = [S.IMPLEMENTED, S.SUSTAINED];

export const TERMINAL_STATES: readonly ReplicationStatus[] = [S.REJECTED, S.WITHDRAWN, S.SUSTAINED];

interface TransitionRule {
  from: readonly ReplicationStatus[];
  /** The target; RESUME goes back to the state the replication stalled from. */
  to: ReplicationStatus | 'STALLED_FROM';
  by: readonly ReplicationRelation[];
}

/** The whole state machine: what each action does, from where, and who may take it. */
export const TRANSITIONS: Readonly<Record<ReplicationAction, TransitionRule>> = {
  [ReplicationAction.APPROVE]: { from: [S.REQUESTED], to: S.APPROVED, by: [ORIGIN_ADMIN, HUB_COORDINATOR] },
  [ReplicationAction.REJECT]: { from: [S.REQUESTED], to: S.REJECTED, by: [ORIGIN_ADMIN, HUB_COORDINATOR] },
  [ReplicationAction.START_OBSERVING]: { from: [S.APPROVED], to: S.OBSERVING, by: [ADOPTER_MEMBER] },
  [ReplicationAction.START_IMITATING]: { from: [S.OBSERVING], to: S.IMITATING, by: [ADOPTER_MEMBER] },
  [ReplicationAction.START_MODIFYING]: { from: [S.IMITATING], to: S.MODIFYING, by: [ADOPTER_MEMBER] },
  [ReplicationAction.IMPLEMENT]: { from: [S.MODIFYING], to: S.IMPLEMENTED, by: [ADOPTER_MEMBER] },
  [ReplicationAction.SUSTAIN]: { from: [S.IMPLEMENTED], to: S.SUSTAINED, by: [HUB_COORDINATOR] },
  [ReplicationAction.STALL]: { from: WORKING_STATES, to: S.STALLED, by: [HUB_COORDINATOR, SYSTEM] },
  [ReplicationAction.RESUME]: { from: [S.STALLED], to: 'STALLED_FROM', by: [HUB_COORDINATOR] },
  [ReplicationAction.WITHDRAW]: {
    from: [S.REQUESTED, ...WORKING_STATES, S.STALLED],
    to: S.WITHDRAWN,
    by: [ADOPTER_MEMBER],
  },
};

export type TransitionDecision =
  | { ok: true; to: ReplicationStatus }
  | { ok: false; reason: 'BAD_TRANSITION'; allowed: ReplicationAction[] }
  | { ok: false; reason: 'FORBIDDEN'; allowedBy: readonly ReplicationRelation[] };

/** The actions the table allows from a state, whoever takes them. */
export function actionsFrom(status: ReplicationStatus): ReplicationAction[] {
  return (Object.keys(TRANSITIONS) as ReplicationAction[]).filter((a) =>
    TRANSITIONS[a].from.includes(status),
  );
}

/** The actions these relations may take from a state (what a UI offers). */
export function availableActions(
  status: ReplicationStatus,
  relations: ReadonlySet<ReplicationRelation>,
): ReplicationAction[] {
  return actionsFrom(status).filter((a) => TRANSITIONS[a].by.some((r) => relations.has(r)));
}

/**
 * Decides one attempted transition. The state check comes first: a step the table does not allow from
 * here is BAD_TRANSITION for everyone; an allowed step by someone without the relation is FORBIDDEN.
 */
export function decideTransition(
  status: ReplicationStatus,
  action: ReplicationAction,
  relations: ReadonlySet<ReplicationRelation>,
  stalledFrom: ReplicationStatus | null,
): TransitionDecision {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(status))
    return { ok: false, reason: 'BAD_TRANSITION', allowed: actionsFrom(status) };
  if (!rule.by.some((r) => relations.has(r))) return { ok: false, reason: 'FORBIDDEN', allowedBy: rule.by };
  if (rule.to === 'STALLED_FROM') {
    if (!stalledFrom || !WORKING_STATES.includes(stalledFrom)) {
      return { ok: false, reason: 'BAD_TRANSITION', allowed: actionsFrom(status) };
    }
    return { ok: true, to: stalledFrom };
  }
  return { ok: true, to: rule.to };
}

/** Every status reachable from REQUESTED through the table (for tests and documentation). */
export function reachableStates(): Set<ReplicationStatus> {
  const seen = new Set<ReplicationStatus>([S.REQUESTED]);
  const queue = [S.REQUESTED];
  while (queue.length) {
    const status = queue.shift()!;
    for (const action of actionsFrom(status)) {
      const rule = TRANSITIONS[action];
      const targets = rule.to === 'STALLED_FROM' ? WORKING_STATES : [rule.to];
      for (const target of targets) {
        if (seen.has(target)) continue;
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}
