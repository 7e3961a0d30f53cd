/**
 * The load generator, run in its own process by `load.ts` so it never shares an event loop with a
 * server it measures: drives autocannon at one target and prints one JSON line, a `LoadResult`.
 *
 *   node dist/bench/lib/load-worker.js '<LoadSpec as JSON>'
 *
 * autocannon's own histogram keeps whole milliseconds; every response time is recorded here too,
 * so the percentiles are exact to the microsecond.
 */
import autocannon from 'autocannon';
import type { LoadResult, LoadSpec } from './load';
import { percentile } from './stats';

const MAX_UNEXPECTED_SAMPLES = 3;

function main(): void {
  const spec = JSON.parse(process.argv[2] ?? '') as LoadSpec;
  const latencies: number[] = [];
  const prefix = spec.expectBodyPrefix;
  let bytes = 0;
  // the first few bodies that fail the check, kept so a run that refuses them can say what they were
  const unexpected: string[] = [];
  const verifyBody = (body: string): boolean => {
    if (!prefix || body.startsWith(prefix)) return true;
    if (unexpected.length < MAX_UNEXPECTED_SAMPLES) unexpected.push(body.slice(0, 400));
    return false;
  };
  const instance = autocannon(
    {
      url: spec.url,
      method: spec.method,
      headers: spec.headers,
      body: spec.body,
      connections: spec.connections,
      duration: spec.duration,
      timeout: 10,
      verifyBody: prefix ? verifyBody : undefined,
    },
    (error, result) => {
      if (error) {
        console.error(error.message);
        process.exit(1);
      }
      const seconds = result.duration;
      latencies.sort((a, b) => a - b);
      const out: LoadResult = {
        connections: spec.connections,
        seconds,
        requests: result.requests.total,
        ok: latencies.length,
        non2xx: result.non2xx,
        mismatches: result.mismatches,
        errors: result.errors,
        timeouts: result.timeouts,
        requestsPerSecond: latencies.length / seconds,
        unexpectedBodies: unexpected,
        bytesPerResponse: latencies.length ? bytes / latencies.length : 0,
        latencyMs: {
          p50: percentile(latencies, 50),
          p90: percentile(latencies, 90),
          p99: percentile(latencies, 99),
          max: latencies.at(-1) ?? 0,
        },
      };
      process.stdout.write(`${JSON.stringify(out)}\n`);
    },
  );
  instance.on('response', (_client: unknown, statusCode: number, responseBytes: number, ms: number) => {
    if (statusCode >= 200 && statusCode < 300) {
      latencies.push(ms);
      bytes += responseBytes;
    }
  });
}

main();
