import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { MemoryReading } from './memory-probe';

/** Clock ticks per second of `/proc/<pid>/stat` times (`getconf CLK_TCK`: 100 on Linux x86 and arm). */
const CLOCK_TICKS = 100;

/** The resident set size of a process in bytes (`VmRSS` of `/proc/<pid>/status`; Linux only). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** CPU seconds (user + system) a process has used so far (`/proc/<pid>/stat`; Linux only). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the command name (field 2) may hold spaces: count fields after its closing parenthesis
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime and stime are fields 14 and 15
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * CPU seconds a process has used so far, or undefined when there is no such process any more (a
 * database restarted during a run: its figure is left out rather than failing the benchmark).
 */
export function cpuSecondsIfRunning(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    return cpuSeconds(pid);
  } catch {
    return undefined;
  }
}

/**
 * Has a server preloaded with `memory-probe.js` (and `BENCH_MEMORY_LOG=file` in its environment) run
 * a full garbage collection and report its memory; resolves with that reading.
 */
export async function probeMemory(pid: number, file: string, timeoutMs = 10_000): Promise<MemoryReading> {
  const lines = (): string[] =>
    existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  const before = lines().length;
  process.kill(pid, 'SIGWINCH');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = lines();
    if (now.length > before) return JSON.parse(now.at(-1)!) as MemoryReading;
    if (Date.now() > deadline) throw new Error(`process ${pid} did not report its memory to ${file}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Names a MariaDB or MySQL server process goes by (`/proc/<pid>/comm`). */
const DATABASE_COMMANDS = new Set(['mariadbd', 'mysqld']);

/** The pid of a MariaDB/MySQL server running on this machine, if one does (Linux only). */
export function localDatabasePid(): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (DATABASE_COMMANDS.has(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) return Number(entry);
    } catch {
      // the process ended while the list was read
    }
  }
  return undefined;
}
