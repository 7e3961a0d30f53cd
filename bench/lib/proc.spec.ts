import { spawnSync } from 'node:child_process';
import { cpuSeconds, cpuSecondsIfRunning } from './proc';

describe('CPU readings of the benchmarks', () => {
  it('reads a running process, its CPU growing as it works', () => {
    const before = cpuSecondsIfRunning(process.pid)!;
    const until = Date.now() + 50;
    while (Date.now() < until); // 50 ms of CPU; /proc counts in 10 ms ticks
    expect(before).toBeGreaterThanOrEqual(0);
    expect(cpuSecondsIfRunning(process.pid)).toBeGreaterThan(before);
  });

  it('answers undefined for a process that is gone, where cpuSeconds throws', () => {
    // a database restarted during a run: the figure is left out, the benchmark goes on
    const ended = spawnSync(process.execPath, ['-e', '']).pid!;
    expect(() => cpuSeconds(ended)).toThrow();
    expect(cpuSecondsIfRunning(ended)).toBeUndefined();
    expect(cpuSecondsIfRunning(undefined)).toBeUndefined();
  });
});
