import { workerName } from './named-worker';

describe('workerName', () => {
  it('takes WORKER_NAME, else the host and the pid', () => {
    expect(workerName({ WORKER_NAME: 'worker-2' }, 'host', 7)).toBe('worker-2');
    expect(workerName({}, 'a1b2c3d4e5f6', 7)).toBe('a1b2c3d4e5f6-7');
    expect(workerName({ WORKER_NAME: '' }, 'host', 7)).toBe('host-7');
  });

  it('refuses a name a Redis connection name cannot carry', () => {
    expect(() => workerName({ WORKER_NAME: 'worker 2' })).toThrow(/^Invalid configuration: WORKER_NAME/);
    expect(() => workerName({ WORKER_NAME: 'w'.repeat(65) })).toThrow(/WORKER_NAME/);
  });
});
