import { hostname } from 'node:os';
import { Worker, type Processor, type WorkerOptions } from 'bullmq';

/** Fits a Redis connection name (CLIENT SETNAME takes no spaces) and reads well in a list. */
const WORKER_NAME_PATTERN = /^[A-Za-z0-9._:@-]{1,64}$/;

/**
 * This process's name among the worker copies: WORKER_NAME, else host and pid (a container's
 * hostname is its id, so every replica differs). A bad WORKER_NAME stops the boot with one line.
 */
export function workerName(
  env: NodeJS.ProcessEnv = process.env,
  host = hostname(),
  pid = process.pid,
): string {
  const name = env['WORKER_NAME'] || `${host}-${pid}`;
  if (!WORKER_NAME_PATTERN.test(name)) {
    throw new Error(
      `Invalid configuration: WORKER_NAME must be 1-64 letters, digits, '.', '_', ':', '@' or '-'`,
    );
  }
  return name;
}

/**
 * A BullMQ Worker that carries a name unless its processor gives one: BullMQ stores it on every job
 * it takes (`job.processedBy`, shown by the queue board) and in its Redis connection names
 * (`queue.getWorkers()`), so the work of each copy can be told apart. Installed for every processor
 * with `BullModule.workerClass`.
 */
export function namedWorkerClass(name: string): typeof Worker {
  return class NamedWorker extends Worker {
    constructor(
      queueName: string,
      processor: string | URL | null | Processor | undefined,
      opts: WorkerOptions,
    ) {
      super(queueName, processor, { ...opts, name: opts.name ?? name });
    }
  };
}
