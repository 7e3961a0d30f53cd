import { expectApisStoppedGracefully, expectWorkersStoppedGracefully } from './fault-expectations';
import { terminateApisUnderLoad, terminateWorkersUnderLoad } from './fault-runs';
import { startFaultWorld, type FaultWorld } from './fault-world';

const FILE = 'apps/api/test/faults/graceful-shutdown.e2e-spec.ts';

/**
 * SIGTERM, as an orchestrator stops a copy it replaces: an api finishes the requests it holds and
 * exits while the other api takes what comes next; a worker finishes or gives back the jobs it holds
 * and exits, and its replacement completes everything, each notification once. The longer version
 * (rolling restarts): `npm run chaos`.
 */
describe('faults: SIGTERM to the api and the worker under load', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    // each post notifies 150 watchers: fan-out jobs that take a while, so some run at the signal
    world = await startFaultWorld('sigterm', { apis: 2, workers: 1, extraWatchers: 149 });
  }, 120_000);

  afterAll(async () => {
    await world?.dispose();
  }, 60_000);

  it('an api finishes its requests in flight and exits; the other api serves on', async () => {
    const run = await terminateApisUnderLoad(world, {
      scenario: 'SIGTERM api',
      file: FILE,
      cycles: 1,
      downMs: 0,
      betweenMs: 2500,
      concurrency: 6,
      pauseMs: 10,
    });
    expectApisStoppedGracefully(run);
  }, 90_000);

  it('a worker finishes or gives back its active jobs and exits; another completes them once', async () => {
    const run = await terminateWorkersUnderLoad(world, {
      scenario: 'SIGTERM worker',
      file: FILE,
      cycles: 1,
      downMs: 1500,
      betweenMs: 2000,
      concurrency: 4,
      pauseMs: 10,
    });
    expectWorkersStoppedGracefully(run);
  }, 90_000);
});
