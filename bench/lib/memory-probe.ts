/**
 * Preloaded with `node -r` into a server whose memory a benchmark reads (`probeMemory` in
 * `proc.ts`): on SIGWINCH (ignored by default, and not one of the signals Nest's shutdown hooks
 * take, unlike SIGUSR2) it runs a full garbage collection, then appends one JSON line of
 * `process.memoryUsage()` and the V8 heap spaces to the file named by `BENCH_MEMORY_LOG`. So a
 * reading counts what the process holds, not garbage a collection would free. Changes nothing else.
 */
import { appendFileSync } from 'node:fs';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface MemoryReading {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Bytes in use / committed per V8 heap space (`new_space`, `old_space`, ...). */
  spaces: Record<string, { used: number; committed: number }>;
}

const file = process.env['BENCH_MEMORY_LOG'];
if (file) {
  setFlagsFromString('--expose-gc');
  // the flag exposes gc() to contexts made from now on
  const gc = runInNewContext('gc') as () => void;
  process.on('SIGWINCH', () => {
    gc();
    const usage = process.memoryUsage();
    const reading: MemoryReading = {
      rss: usage.rss,
      heapUsed: usage.heapUsed,
      heapTotal: usage.heapTotal,
      external: usage.external,
      arrayBuffers: usage.arrayBuffers,
      spaces: Object.fromEntries(
        getHeapSpaceStatistics().map((s) => [
          s.space_name,
          { used: s.space_used_size, committed: s.physical_space_size },
        ]),
      ),
    };
    appendFileSync(file, `${JSON.stringify(reading)}\n`);
  });
}
