import fc from 'fast-check';
import {
  ACTIVE_STATES,
  actionsFrom,
  availableActions,
  decideTransition,
  reachableStates,
  ReplicationAction,
  ReplicationRelation,
  ReplicationStatus,
  TRANSITIONS,
  WORKING_STATES,
} from './replication-state';

const S = ReplicationStatus;
const A = ReplicationAction;
const R = ReplicationRelation;
const as = (...relations: ReplicationRelation[]) => new Set(relations);

describe('replication state machine', () => {
  it('walks ATM forward with the right people', () => {
    let status: ReplicationStatus = S.REQUESTED;
    const steps: Array<[ReplicationAction, ReplicationRelation]> = [
      [A.APPROVE, R.ORIGIN_ADMIN],
      [A.START_OBSERVING, R.ADOPTER_MEMBER],
      [A.START_IMITATING, R.ADOPTER_MEMBER],
      [A.START_MODIFYING, R.ADOPTER_MEMBER],
      [A.IMPLEMENT, R.ADOPTER_MEMBER],
      [A.SUSTAIN, R.HUB_COORDINATOR],
    ];
    for (const [action, relation] of steps) {
      const decision = decideTransition(status, action, as(relation), null);
      if (!decision.ok) throw new Error(`${action} refused from ${status}`);
      status = decision.to;
    }
    expect(status).toBe(S.SUSTAINED);
  });

  it('refuses a step from the wrong state with the allowed ones, whoever asks', () => {
    expect(decideTransition(S.REQUESTED, A.IMPLEMENT, as(R.ADOPTER_MEMBER), null)).toEqual({
      ok: false,
      reason: 'BAD_TRANSITION',
      allowed: [A.APPROVE, A.REJECT, A.WITHDRAW],
    });
    expect(decideTransition(S.REJECTED, A.APPROVE, as(R.ORIGIN_ADMIN), null)).toMatchObject({
      reason: 'BAD_TRANSITION',
      allowed: [],
    });
  });

  it('refuses the wrong people with FORBIDDEN', () => {
    expect(decideTransition(S.REQUESTED, A.APPROVE, as(R.ADOPTER_MEMBER), null)).toMatchObject({
      reason: 'FORBIDDEN',
    });
    expect(
      decideTransition(S.APPROVED, A.START_OBSERVING, as(R.ORIGIN_ADMIN, R.HUB_COORDINATOR), null),
    ).toMatchObject({
      reason: 'FORBIDDEN',
    });
    expect(
      decideTransition(S.IMPLEMENTED, A.SUSTAIN, as(R.ORIGIN_ADMIN, R.ADOPTER_MEMBER), null),
    ).toMatchObject({
      reason: 'FORBIDDEN',
    });
    expect(decideTransition(S.OBSERVING, A.STALL, as(R.ADOPTER_MEMBER), null)).toMatchObject({
      reason: 'FORBIDDEN',
    });
  });

  it('resumes a stalled replication to the state it left, and only then', () => {
    expect(decideTransition(S.STALLED, A.RESUME, as(R.HUB_COORDINATOR), S.IMITATING)).toEqual({
      ok: true,
      to: S.IMITATING,
    });
    expect(decideTransition(S.STALLED, A.RESUME, as(R.HUB_COORDINATOR), null)).toMatchObject({
      reason: 'BAD_TRANSITION',
    });
    expect(decideTransition(S.OBSERVING, A.STALL, as(R.SYSTEM), null)).toEqual({ ok: true, to: S.STALLED });
  });

  it('reaches every state, and rejected, withdrawn and sustained are final', () => {
    expect(reachableStates()).toEqual(new Set(Object.values(S)));
    for (const end of [S.REJECTED, S.WITHDRAWN, S.SUSTAINED]) expect(actionsFrom(end)).toEqual([]);
    expect(ACTIVE_STATES).not.toContain(S.REJECTED);
    expect(ACTIVE_STATES).toContain(S.IMPLEMENTED);
  });

  it('offers each relation only its own actions', () => {
    expect(availableActions(S.REQUESTED, as(R.ADOPTER_MEMBER))).toEqual([A.WITHDRAW]);
    expect(availableActions(S.MODIFYING, as(R.HUB_COORDINATOR))).toEqual([A.STALL]);
  });

  it('never leaves the table under random attempts by random people, and the history replays', () => {
    const attempt = fc.record({
      action: fc.constantFrom(...Object.values(A)),
      relations: fc.subarray(Object.values(R)),
    });
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 60 }), (attempts) => {
        let status: ReplicationStatus = S.REQUESTED;
        let stalledFrom: ReplicationStatus | null = null;
        const events: Array<{ from: ReplicationStatus; to: ReplicationStatus; action: ReplicationAction }> =
          [];
        for (const { action, relations } of attempts) {
          const decision = decideTransition(status, action, new Set(relations), stalledFrom);
          if (!decision.ok) continue;
          const rule = TRANSITIONS[action];
          // the table allowed it: the source state is listed and one of the actor's relations is
          expect(rule.from).toContain(status);
          expect(rule.by.some((r) => relations.includes(r))).toBe(true);
          if (decision.to === S.STALLED) stalledFrom = status;
          else if (status === S.STALLED) {
            expect(decision.to === S.WITHDRAWN || decision.to === stalledFrom).toBe(true);
            stalledFrom = null;
          }
          events.push({ from: status, to: decision.to, action });
          status = decision.to;
        }
        expect(reachableStates().has(status)).toBe(true);
        // replaying the append-only history from REQUESTED gives the current status
        const replayed = events.reduce<ReplicationStatus>((current, event) => {
          expect(event.from).toBe(current);
          return event.to;
        }, S.REQUESTED);
        expect(replayed).toBe(status);
        if (status === S.STALLED) expect(WORKING_STATES).toContain(stalledFrom);
      }),
      { numRuns: 500, seed: 20261122 },
    );
  });
});
