import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '@jipp/testing';
import { createConnection } from 'mysql2/promise';

/**
 * A Redis or MariaDB server of the fault test's own, a child process on a free port of 127.0.0.1 with
 * its data in a temporary directory. The fault tests stop, kill and restart these; the machine's
 * shared MariaDB and Redis (scripts/services.sh), which other test files and agents use at the same
 * time, are never touched.
 */
export interface OwnServer {
  name: string;
  port: number;
  url: string;
  running(): boolean;
  /** Starts it again on the same port and data directory (after `stop` or `kill`). */
  start(): Promise<void>;
  /** SIGTERM: a clean shutdown (Redis writes its append-only file, MariaDB flushes). */
  stop(): Promise<void>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
  /** Stops it for good and deletes its data directory. */
  dispose(): Promise<void>;
  /** The last few KB of its log, to explain a failure. */
  output(): string;
}

const execFileAsync = promisify(execFile);
const TAIL = 4000;
const STOP_GRACE_MS = 20_000;
const children = new Set<ChildProcess>();

// a run that ends without its afterAll leaves no server behind
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A server process that can be started any number of times with the same command line; `ready()`
 * says when it serves. Exits are watched, so a server that dies on its own shows as not running.
 */
function ownServer(
  name: string,
  port: number,
  url: string,
  command: string,
  args: string[],
  ready: () => Promise<boolean>,
  dataDir: string,
): OwnServer {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  const signal = async (sig: NodeJS.Signals): Promise<void> => {
    if (!running()) return;
    child!.kill(sig);
    const timer = sig === 'SIGKILL' ? undefined : setTimeout(() => child?.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  const server: OwnServer = {
    name,
    port,
    url,
    running,
    output: () => output,
    async start() {
      if (running()) return;
      const started = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      children.add(started);
      const keep = (chunk: Buffer): void => {
        output = (output + chunk.toString('utf8')).slice(-TAIL);
      };
      started.stdout!.on('data', keep);
      started.stderr!.on('data', keep);
      exited = new Promise((resolve) =>
        started.once('exit', () => {
          children.delete(started);
          resolve();
        }),
      );
      const deadline = Date.now() + 30_000;
      for (;;) {
        if (!running()) throw new Error(`${name} exited while starting:\n${output}`);
        if (await ready().catch(() => false)) return;
        if (Date.now() > deadline) {
          await signal('SIGKILL');
          throw new Error(`${name} did not answer within 30 s:\n${output}`);
        }
        await sleep(50);
      }
    },
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    async dispose() {
      await signal('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/** Answers PING with PONG on a fresh connection (raw RESP: no client library, no retries). */
function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

/**
 * A Redis of the test's own with the persistence a deployment uses (docker/docker-compose.yml: an
 * append-only file fsynced every second), so a restart keeps the queues as it would in production.
 */
export async function startOwnRedis(name = 'own Redis'): Promise<OwnServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'jipp-fault-redis-'));
  const server = ownServer(
    name,
    port,
    `redis://127.0.0.1:${port}/0`,
    '/usr/bin/redis-server',
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
      ...['--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction'],
    ],
    () => redisAnswers(port),
    dir,
  );
  await server.start();
  return server;
}

export interface OwnMariadb extends OwnServer {
  /** The application's database on it (`mariadb://root@127.0.0.1:<port>/jipp_fault`). */
  databaseUrl: string;
}

const DATABASE = 'jipp_fault';

/**
 * A MariaDB of the test's own: a fresh data directory (mariadb-install-db takes about a second), the
 * server as root on a free port with a small buffer pool, and an empty `jipp_fault` database. The
 * root account has an empty password and is reachable only from 127.0.0.1.
 */
export async function startOwnMariadb(name = 'own MariaDB'): Promise<OwnMariadb> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'jipp-fault-mariadb-'));
  const dataDir = join(dir, 'data');
  await execFileAsync('mariadb-install-db', [
    '--no-defaults',
    `--datadir=${dataDir}`,
    '--user=root',
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
  ]);
  const adminUrl = `mysql://root@127.0.0.1:${port}`;
  const answers = async (): Promise<boolean> => {
    const connection = await createConnection({ uri: adminUrl, connectTimeout: 1000 });
    await connection.end();
    return true;
  };
  const daemon = (
    await execFileAsync('bash', ['-c', 'command -v mariadbd || command -v mysqld'])
  ).stdout.trim();
  const server = ownServer(
    name,
    port,
    adminUrl,
    daemon,
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      '--user=root',
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(dir, 'mysqld.sock')}`,
      `--pid-file=${join(dir, 'mysqld.pid')}`,
      '--skip-log-bin',
      '--innodb-buffer-pool-size=64M',
      '--innodb-log-file-size=32M',
      '--max-connections=200',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
    ],
    answers,
    dir,
  );
  await server.start();
  const admin = await createConnection(adminUrl);
  await admin.query(`CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return { ...server, databaseUrl: `mariadb://root@127.0.0.1:${port}/${DATABASE}` };
}

/** Migrates and seeds the reference data with the built CLI, as the e2e global setup does. */
export async function migrateAndSeed(databaseUrl: string, redisUrl: string): Promise<void> {
  const cli = join(ROOT, 'dist/apps/cli/src/main.js');
  const env = { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
  for (const command of ['migrate', 'seed']) {
    await execFileAsync(process.execPath, [cli, command], { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 });
  }
}
