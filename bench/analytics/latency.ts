/**
 * Latency of one dashboard request at a time: one keep-alive connection, the same POST sent again
 * as soon as the previous answer has been read, each timed with performance.now().
 *
 * Why not lib/load.ts (autocannon): the question is how long a dashboard waits for one answer, not
 * how many answers a server gives under load; and the two sides differ a thousandfold in speed, so
 * a run measured by duration would leave the naive side with a handful of samples or none. Here a
 * run lasts `seconds` but takes at least `minSamples`, and the percentiles are exact over every
 * sample. The client runs in the benchmark process, never in a server's.
 */
import { Agent, request } from 'node:http';
import { percentile } from '../lib/stats';

export interface LatencyRun {
  samples: number;
  seconds: number;
  p50: number;
  p95: number;
  max: number;
}

export interface LatencyTarget {
  label: string;
  url: string;
  body: string;
  /** Every answer must be exactly this text (the one the check compared): else the run fails. */
  expected: string;
}

/** One HTTP client with a single keep-alive connection per target. */
export class SequentialClient {
  private readonly agents = new Map<string, Agent>();

  private agent(url: string): Agent {
    const origin = new URL(url).origin;
    let agent = this.agents.get(origin);
    if (!agent) {
      agent = new Agent({ keepAlive: true, maxSockets: 1 });
      this.agents.set(origin, agent);
    }
    return agent;
  }

  /** POSTs the body and resolves with the status and the whole answer. */
  post(url: string, body: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent: this.agent(url),
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          timeout: 120_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${url}: no answer within 120 s`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Sends the request over and over for `seconds`, at least `minSamples` times. */
  async run(target: LatencyTarget, seconds: number, minSamples: number): Promise<LatencyRun> {
    const latencies: number[] = [];
    const started = performance.now();
    const deadline = started + seconds * 1000;
    while (latencies.length < minSamples || performance.now() < deadline) {
      const sent = performance.now();
      const answer = await this.post(target.url, target.body);
      latencies.push(performance.now() - sent);
      if (answer.status !== 200 || answer.text !== target.expected) {
        throw new Error(
          `${target.label} answered ${answer.status} with another answer than the checked one: ${answer.text.slice(0, 300)}`,
        );
      }
    }
    latencies.sort((a, b) => a - b);
    return {
      samples: latencies.length,
      seconds: (performance.now() - started) / 1000,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: latencies.at(-1)!,
    };
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}
