import { expectRedisRestartHandled } from './fault-expectations';
import { restartRedisUnderLoad } from './fault-runs';
import { startFaultWorld, type FaultWorld } from './fault-world';

/**
 * Redis restarted (SIGTERM, then started again on its append-only file, as a deployment's Redis
 * restarts) under a light load: reads keep being served (at least 99%), a write that needs Redis
 * (sign-in: its failure counts live there) answers a clean SERVICE_UNAVAILABLE, nothing crashes or
 * hangs; the worker resumes within 30 s and every post committed meanwhile (its outbox row waited)
 * is relayed and notified exactly once. The longer version: `npm run chaos`.
 */
describe('faults: Redis restarted under a light load', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await startFaultWorld('redis-restart');
  }, 120_000);

  afterAll(async () => {
    await world?.dispose();
  }, 60_000);

  it('serves reads, refuses what needs Redis cleanly, and the worker catches up', async () => {
    const run = await restartRedisUnderLoad(world, {
      scenario: 'Redis restarted',
      file: 'apps/api/test/faults/redis-restart.e2e-spec.ts',
      cycles: 1,
      downMs: 4000,
      betweenMs: 3000,
      concurrency: 4,
      pauseMs: 20,
    });
    expectRedisRestartHandled(run);
  }, 120_000);
});
