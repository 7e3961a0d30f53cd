import {
  expectApisStoppedGracefully,
  expectMariadbRestartHandled,
  expectRedisRestartHandled,
  expectWorkersStoppedGracefully,
} from './fault-expectations';
import {
  killMariadbUnderLoad,
  restartRedisUnderLoad,
  terminateApisUnderLoad,
  terminateWorkersUnderLoad,
} from './fault-runs';
import { startFaultWorld, type FaultWorld } from './fault-world';

const FILE = 'apps/api/test/faults/faults.chaos-spec.ts';
const LOAD = { concurrency: 10, pauseMs: 5 };

/**
 * `npm run chaos`: the fault tests of `npm test`, longer: more load, longer outages, repeated
 * restarts, rolling restarts of both apis and of the worker, all on one world of two apis and one
 * worker (their own MariaDB and Redis). Each scenario prints its table and writes
 * test-results/faults/<scenario>.json.
 */
describe('chaos: repeated faults under load', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await startFaultWorld('chaos', { apis: 2, workers: 1, posters: 6, extraWatchers: 99 });
  }, 180_000);

  afterAll(async () => {
    await world?.dispose();
  }, 60_000);

  it('Redis restarted three times, 10 s down each', async () => {
    const run = await restartRedisUnderLoad(world, {
      scenario: 'chaos Redis restarted 3x',
      file: FILE,
      cycles: 3,
      downMs: 10_000,
      betweenMs: 5000,
      ...LOAD,
    });
    expectRedisRestartHandled(run);
  }, 300_000);

  it('MariaDB killed and restarted three times, 10 s down each', async () => {
    const run = await killMariadbUnderLoad(world, {
      scenario: 'chaos MariaDB killed 3x',
      file: FILE,
      cycles: 3,
      downMs: 10_000,
      betweenMs: 5000,
      ...LOAD,
      deliveryTimeoutMs: 60_000,
    });
    expectMariadbRestartHandled(run);
  }, 300_000);

  it('a rolling restart of both apis, twice over', async () => {
    const run = await terminateApisUnderLoad(world, {
      scenario: 'chaos rolling restart of the apis',
      file: FILE,
      cycles: 4,
      downMs: 0,
      betweenMs: 4000,
      ...LOAD,
    });
    expectApisStoppedGracefully(run);
  }, 300_000);

  it('the worker stopped and replaced three times', async () => {
    const run = await terminateWorkersUnderLoad(world, {
      scenario: 'chaos worker replaced 3x',
      file: FILE,
      cycles: 3,
      downMs: 3000,
      betweenMs: 4000,
      ...LOAD,
      deliveryTimeoutMs: 60_000,
    });
    expectWorkersStoppedGracefully(run);
  }, 300_000);
});
