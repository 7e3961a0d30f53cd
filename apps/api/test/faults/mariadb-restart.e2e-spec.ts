import { expectMariadbRestartHandled } from './fault-expectations';
import { killMariadbUnderLoad } from './fault-runs';
import { startFaultWorld, type FaultWorld } from './fault-world';

/**
 * MariaDB killed (SIGKILL: a crash, InnoDB recovers on restart) under load and started again: while
 * it is down every request gets a clean SERVICE_UNAVAILABLE (no SQL, no driver text, no hanging);
 * the pools of the api and the worker recover within 10 s of the restart; no change is half applied
 * (each post with exactly its outbox event and audit row), and every committed post is relayed and
 * notified exactly once. The longer version: `npm run chaos`.
 */
describe('faults: MariaDB killed and restarted under load', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await startFaultWorld('mariadb-restart');
  }, 120_000);

  afterAll(async () => {
    await world?.dispose();
  }, 60_000);

  it('answers SERVICE_UNAVAILABLE while it is down, recovers within 10 s and loses nothing', async () => {
    const run = await killMariadbUnderLoad(world, {
      scenario: 'MariaDB killed and restarted',
      file: 'apps/api/test/faults/mariadb-restart.e2e-spec.ts',
      cycles: 1,
      downMs: 4000,
      betweenMs: 3000,
      concurrency: 4,
      pauseMs: 20,
    });
    expectMariadbRestartHandled(run);
  }, 120_000);
});
