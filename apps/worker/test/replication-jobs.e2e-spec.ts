// first: sets this file's own Redis prefix before the worker module reads the configuration
import { OWN_REDIS_PREFIX } from './own-redis-prefix';
import { Test, type TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AppConfig, type AuthUser, Clock, FixedClock, OutboxEvent, Role } from '@jipp/core';
import {
  addCalendarMonths,
  Outcome,
  OutcomeUnit,
  Replication,
  ReplicationAction,
  ReplicationCheckin,
  ReplicationCheckinsService,
  ReplicationEscalationService,
  ReplicationEvent,
  ReplicationsService,
  ReplicationStatus,
} from '@jipp/replications';
import { createInnovation, createUser, seededAgency } from '@jipp/testing';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { errorCode, startTestApi, type TestApi } from '../../api/test/api-harness';
import { WorkerModule } from '../src/worker.module';

const DAY = 24 * 3600 * 1000;
const STEP = `mutation($input: TransitionReplicationInput!) {
  transitionReplication(input: $input) { id status version }
}`;

/**
 * The jobs judge by the injected Clock. These tests move a FixedClock through years long past
 * (1996-2003), before anything other test files write to the shared database, so the jobs they run
 * find only this file's replications. The eras are apart: the check-in era ends (2001-02) before
 * the escalation era's implemented replication has a check-in due (2001-07), and the escalation
 * era leaves nothing in a working state for the race era's runs (2003).
 */
const CHECKIN_ERA = new Date('1998-08-31T03:00:00Z'); // 10:00 WIB on the 31st: months get clamped
const LATE_IMPLEMENTATION = new Date('1996-02-01T03:00:00Z');
const ESCALATION_ERA = new Date('2001-01-10T02:00:00Z');
const RACE_ERA = new Date('2003-01-10T02:00:00Z');

describe('replication jobs', () => {
  let moduleRef: TestingModule;
  let dataSource: DataSource;
  let replications: ReplicationsService;
  let escalation: ReplicationEscalationService;
  let checkins: ReplicationCheckinsService;
  let api: TestApi;
  const clock = new FixedClock(ESCALATION_ERA);
  let stallAfterDays: number;
  let adopter: AuthUser;
  let originAdmin: AuthUser;
  let coordinator: AuthUser;
  let coordinatorToken: string;

  const actor = async (
    role: Role,
    agency: string,
    hub?: string,
  ): Promise<{ user: AuthUser; email: string }> => {
    const agencyId = (await seededAgency(dataSource, agency)).id;
    const user = await createUser(dataSource, { role, agencyId, hubSlugs: hub ? [hub] : [] });
    return { user: { id: user.id, agencyId: user.agencyId, role: user.role }, email: user.email };
  };

  /** A fresh request of a fresh innovation, walked at the clock's moment up to `until`. */
  const walk = async (until: ReplicationStatus): Promise<Replication> => {
    const innovation = await createInnovation(dataSource, { agency: 'Pemkot Surabaya' });
    let r = await replications.request(adopter, {
      innovationId: innovation.id,
      note: 'Kami ingin mereplikasi inovasi ini di kabupaten kami.',
    });
    const steps: Array<[ReplicationStatus, AuthUser, ReplicationAction]> = [
      [ReplicationStatus.APPROVED, originAdmin, ReplicationAction.APPROVE],
      [ReplicationStatus.OBSERVING, adopter, ReplicationAction.START_OBSERVING],
      [ReplicationStatus.IMITATING, adopter, ReplicationAction.START_IMITATING],
      [ReplicationStatus.MODIFYING, adopter, ReplicationAction.START_MODIFYING],
      [ReplicationStatus.IMPLEMENTED, adopter, ReplicationAction.IMPLEMENT],
    ];
    for (const [status, who, action] of steps) {
      if (r.status === until) break;
      if (action === ReplicationAction.IMPLEMENT) {
        await dataSource.getRepository(Outcome).insert({
          replicationId: r.id,
          innovationId: innovation.id,
          indicator: 'Hari untuk menerbitkan akta kelahiran',
          unit: OutcomeUnit.DAYS,
          baselineValue: 14,
          baselineDate: clock.now().toISOString().slice(0, 10),
          latestValue: null,
          latestDate: null,
          source: null,
          createdByUserId: null,
        });
      }
      r = await replications.transition(who, r.id, r.version, action, {
        noModificationNote: 'Diterapkan apa adanya.',
        implementationDate: clock.now().toISOString().slice(0, 10),
      });
      expect(r.status).toBe(status);
    }
    return r;
  };

  const reload = (id: number) => dataSource.getRepository(Replication).findOneByOrFail({ id });
  const eventsOf = (id: number) =>
    dataSource.getRepository(ReplicationEvent).find({ where: { replicationId: id }, order: { id: 'ASC' } });
  const outboxOf = (id: number, type: string) =>
    dataSource
      .getRepository(OutboxEvent)
      .find({ where: { aggregateType: 'replication', aggregateId: String(id), type }, order: { id: 'ASC' } });
  const checkinsOf = (id: number) =>
    dataSource
      .getRepository(ReplicationCheckin)
      .find({ where: { replicationId: id }, order: { months: 'ASC' } });

  beforeAll(async () => {
    // the worker's module, compiled but not started: no processor or schedule runs with the real clock
    moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    dataSource = moduleRef.get<DataSource>(getDataSourceToken());
    replications = moduleRef.get(ReplicationsService);
    escalation = moduleRef.get(ReplicationEscalationService);
    checkins = moduleRef.get(ReplicationCheckinsService);
    stallAfterDays = moduleRef.get(AppConfig).get('REPLICATION_STALL_AFTER_DAYS');
    api = await startTestApi();
    adopter = (await actor(Role.MEMBER, 'Pemkab Banyuwangi')).user;
    originAdmin = (await actor(Role.AGENCY_ADMIN, 'Pemkot Surabaya')).user;
    const hubCoordinator = await actor(Role.COORDINATOR, 'Pemprov Jawa Timur', 'jipp-jawa-timur');
    coordinator = hubCoordinator.user;
    coordinatorToken = await api.login(hubCoordinator.email);
  });

  afterAll(async () => {
    await api?.close();
    await moduleRef?.close();
    const redis = new Redis(process.env['REDIS_URL']!);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${OWN_REDIS_PREFIX}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
  });

  it('stalls exactly the idle working replications, once, and a resumed one only after a new idle period', async () => {
    const N = stallAfterDays;
    const at = (days: number) => new Date(ESCALATION_ERA.getTime() + days * DAY);
    clock.set(at(0));
    const idle = {
      approved: await walk(ReplicationStatus.APPROVED),
      observing: await walk(ReplicationStatus.OBSERVING),
      imitating: await walk(ReplicationStatus.IMITATING),
      modifying: await walk(ReplicationStatus.MODIFYING),
    };
    const requested = await walk(ReplicationStatus.REQUESTED);
    const implemented = await walk(ReplicationStatus.IMPLEMENTED);
    let recent = await walk(ReplicationStatus.APPROVED);
    // a step half-way through the period: not idle when the others are
    clock.set(at(Math.floor(N / 2)));
    recent = await replications.transition(
      adopter,
      recent.id,
      recent.version,
      ReplicationAction.START_OBSERVING,
    );

    const untouched = [requested, implemented, recent];
    const eventsBefore = new Map<number, number>();
    for (const r of [...Object.values(idle), ...untouched])
      eventsBefore.set(r.id, (await eventsOf(r.id)).length);

    clock.set(at(N + 1));
    expect(await escalation.stallIdle()).toEqual({ idle: 4, stalled: 4, skipped: 0 });
    for (const [from, r] of Object.entries(idle)) {
      const row = await reload(r.id);
      expect(row).toMatchObject({ status: ReplicationStatus.STALLED, stalledFrom: from.toUpperCase() });
      expect(row.stalledAt).toEqual(at(N + 1));
      expect(row.lastEventAt).toEqual(at(N + 1));
      const events = await eventsOf(r.id);
      expect(events).toHaveLength(eventsBefore.get(r.id)! + 1);
      expect(events.at(-1)).toMatchObject({
        actorUserId: null,
        action: ReplicationAction.STALL,
        fromStatus: from.toUpperCase(),
        toStatus: ReplicationStatus.STALLED,
        occurredAt: at(N + 1),
        note: expect.stringContaining(`${N} hari`),
      });
      const stalls = (await outboxOf(r.id, 'replication.transitioned')).filter(
        (o) => o.payload['action'] === ReplicationAction.STALL,
      );
      expect(stalls).toHaveLength(1);
      expect(stalls[0]).toMatchObject({
        actorUserId: null,
        payload: expect.objectContaining({ replicationId: r.id, from: from.toUpperCase(), to: 'STALLED' }),
      });
    }
    for (const r of untouched) {
      expect((await reload(r.id)).status).toBe(r.status);
      expect(await eventsOf(r.id)).toHaveLength(eventsBefore.get(r.id)!);
    }

    // a second run changes nothing
    expect(await escalation.stallIdle()).toEqual({ idle: 0, stalled: 0, skipped: 0 });
    for (const r of Object.values(idle))
      expect(await eventsOf(r.id)).toHaveLength(eventsBefore.get(r.id)! + 1);

    // a coordinator resumes one: it is not stalled again until it has been idle for the whole period
    const stalled = await reload(idle.approved.id);
    const resumed = await replications.transition(
      coordinator,
      stalled.id,
      stalled.version,
      ReplicationAction.RESUME,
    );
    expect(resumed).toMatchObject({ status: ReplicationStatus.APPROVED, lastEventAt: at(N + 1) });
    expect(await escalation.stallIdle()).toEqual({ idle: 0, stalled: 0, skipped: 0 });
    clock.set(at(2 * N + 1)); // exactly N days after the resume: only the one with the older step is idle
    expect(await escalation.stallIdle()).toEqual({ idle: 1, stalled: 1, skipped: 0 });
    expect((await reload(recent.id)).status).toBe(ReplicationStatus.STALLED);
    expect((await reload(resumed.id)).status).toBe(ReplicationStatus.APPROVED);
    clock.set(at(2 * N + 2));
    expect(await escalation.stallIdle()).toEqual({ idle: 1, stalled: 1, skipped: 0 });
    expect(await reload(resumed.id)).toMatchObject({
      status: ReplicationStatus.STALLED,
      stalledFrom: 'APPROVED',
    });
    expect(await escalation.stallIdle()).toEqual({ idle: 0, stalled: 0, skipped: 0 });
    for (const r of [requested, implemented]) expect((await reload(r.id)).status).toBe(r.status);
  });

  it('stalls each idle replication once when several workers run the escalation at the same time', async () => {
    clock.set(RACE_ERA);
    const idle: Replication[] = [];
    for (let i = 0; i < 6; i++) idle.push(await walk(ReplicationStatus.OBSERVING));
    clock.set(new Date(RACE_ERA.getTime() + (stallAfterDays + 1) * DAY));
    // the losers of each race get a CONFLICT from the versioned step, and skip it
    const runs = await Promise.all([escalation.stallIdle(), escalation.stallIdle(), escalation.stallIdle()]);
    expect(runs.reduce((sum, run) => sum + run.stalled, 0)).toBe(6);
    for (const run of runs) expect(run.idle).toBe(run.stalled + run.skipped);
    for (const r of idle) {
      expect((await reload(r.id)).status).toBe(ReplicationStatus.STALLED);
      expect((await eventsOf(r.id)).filter((e) => e.action === ReplicationAction.STALL)).toHaveLength(1);
      const outbox = await outboxOf(r.id, 'replication.transitioned');
      expect(outbox.filter((o) => o.payload['action'] === ReplicationAction.STALL)).toHaveLength(1);
    }
  });

  it('raises the 6, 12 and 24-month check-ins once each, and a coordinator sustains after the 12-month one', async () => {
    // one found late: implemented long before the first run, all three check-ins are due at once
    clock.set(LATE_IMPLEMENTATION);
    const late = await walk(ReplicationStatus.IMPLEMENTED);
    clock.set(CHECKIN_ERA);
    const r = await walk(ReplicationStatus.IMPLEMENTED);
    expect((await reload(r.id)).implementedAt).toEqual(CHECKIN_ERA);
    const months = (m: number) => addCalendarMonths(CHECKIN_ERA, m);
    const sustain = async () => {
      const { version } = await reload(r.id);
      return api.gql<{ transitionReplication: { status: string } }>(
        STEP,
        { input: { id: r.id, version, action: 'SUSTAIN' } },
        coordinatorToken,
      );
    };

    clock.set(months(5));
    expect(await checkins.raiseDue()).toEqual({ scanned: 1, raised: 3 });
    expect(await checkinsOf(r.id)).toEqual([]);
    expect((await checkinsOf(late.id)).map((c) => [c.months, c.dueAt, c.raisedAt])).toEqual([
      [6, addCalendarMonths(LATE_IMPLEMENTATION, 6), months(5)],
      [12, addCalendarMonths(LATE_IMPLEMENTATION, 12), months(5)],
      [24, addCalendarMonths(LATE_IMPLEMENTATION, 24), months(5)],
    ]);
    const lateOutbox = await outboxOf(late.id, 'replication.checkin_due');
    expect(lateOutbox.map((o) => o.payload)).toEqual(
      [6, 12, 24].map((m) => ({
        replicationId: late.id,
        innovationId: late.innovationId,
        adopterAgencyId: late.adopterAgencyId,
        months: m,
        dueAt: addCalendarMonths(LATE_IMPLEMENTATION, m).toISOString(),
      })),
    );
    expect(await checkins.raiseDue()).toEqual({ scanned: 0, raised: 0 });
    expect(errorCode(await sustain())).toBe('BAD_USER_INPUT'); // no 12-month check-in yet

    // six calendar months after 31 August is the end of February
    clock.set(months(6));
    expect(months(6)).toEqual(new Date('1999-02-28T03:00:00Z'));
    expect(await checkins.raiseDue()).toEqual({ scanned: 1, raised: 1 });
    expect(await checkins.raiseDue()).toEqual({ scanned: 1, raised: 0 });
    expect((await checkinsOf(r.id)).map((c) => [c.months, c.dueAt])).toEqual([[6, months(6)]]);

    clock.set(months(13));
    expect(await checkins.raiseDue()).toEqual({ scanned: 1, raised: 1 });
    expect(await checkins.raiseDue()).toEqual({ scanned: 1, raised: 0 });
    expect((await checkinsOf(r.id)).map((c) => [c.months, c.dueAt])).toEqual([
      [6, months(6)],
      [12, new Date('1999-08-31T03:00:00Z')],
    ]);

    // the 12-month check-in alone is not enough: the adopter updates its outcomes first
    expect(errorCode(await sustain())).toBe('BAD_USER_INPUT');
    await dataSource
      .getRepository(Outcome)
      .update({ replicationId: r.id }, { latestValue: 3, latestDate: '1999-09-20' });
    const sustained = await sustain();
    expect(sustained.data?.transitionReplication.status).toBe('SUSTAINED');

    // a sustained replication still gets its 24-month check-in
    clock.set(months(30));
    expect(await checkins.raiseDue()).toEqual({ scanned: 1, raised: 1 });
    expect(await checkins.raiseDue()).toEqual({ scanned: 0, raised: 0 });
    expect((await checkinsOf(r.id)).map((c) => c.months)).toEqual([6, 12, 24]);
    expect((await checkinsOf(late.id)).map((c) => c.months)).toEqual([6, 12, 24]);
    const outbox = await outboxOf(r.id, 'replication.checkin_due');
    expect(outbox.map((o) => [o.payload['months'], o.payload['dueAt'], o.actorUserId])).toEqual([
      [6, months(6).toISOString(), null],
      [12, months(12).toISOString(), null],
      [24, months(24).toISOString(), null],
    ]);
    expect(await outboxOf(late.id, 'replication.checkin_due')).toHaveLength(3);
  });
});
