import { spawnSync } from 'node:child_process';
import { cpuSeconds, cpuSecondsIfRunning } from './proc';

describe('CPU readings of the benchmarks', () => {
  it('reads a running process, its CPU growing as it works', () => {
    const before = cpuSecondsIfRunning(process.pid)!;
    expect(before).toBeGreaterThanOrEqual(0);
    // work until /proc counts another tick (10 ms of CPU), however busy the machine is
    const deadline = Date.now() + 10_000;
    let now = before;
    while (now === before && Date.now() < deadline) now = cpuSecondsIfRunning(process.pid)!;
    expect(now).toBeGreaterThan(before);
  });

  it('answers undefined for a process that is gone, where cpuSeconds throws', () => {
    // a database restarted during a run: the figure is left out, the benchmark goes on
    const ended = spawnSync(process.execPath, ['-e', '']).pid!;
    expect(() => cpuSeconds(ended)).toThrow();
    expect(cpuSecondsIfRunning(ended)).toBeUndefined();
    expect(cpuSecondsIfRunning(undefined)).toBeUndefined();
  });
});
