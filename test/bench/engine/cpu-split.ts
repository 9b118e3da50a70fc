import { readdirSync, readFileSync } from 'node:fs';
import type { EngineWorld } from '../../engine/support/engine-world.ts';
import type { WorkerProcess } from '../../engine/support/worker-process.ts';

/** CPU seconds used per process name (postgres, redis-server, node…) since a snapshot; Linux only. */
export interface CpuSplit {
  stop(): Record<string, number>;
}

const ticksPerSecond = 100;

/** Names a process for the split; `undefined` keeps the kernel's name for it. */
export type ProcessLabeler = (pid: number, commandLine: string) => string | undefined;

function readCpuByPid(label: ProcessLabeler): Map<number, { name: string; ticks: number }> {
  const out = new Map<number, { name: string; ticks: number }>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The name is in parentheses and may hold spaces; the fields after it are space separated.
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      out.set(Number(pid), { name: label(Number(pid), commandLine) ?? name, ticks });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return out;
}

/**
 * Starts counting. Processes that end before `stop()` are not counted, so call `stop()` while
 * the worker processes and their database connections are still alive.
 */
export function startCpuSplit(label: ProcessLabeler = () => undefined): CpuSplit {
  const before = readCpuByPid(label);
  return {
    stop() {
      const totals: Record<string, number> = {};
      for (const [pid, now] of readCpuByPid(label)) {
        const used = now.ticks - (before.get(pid)?.ticks ?? 0);
        if (used <= 0) continue;
        totals[now.name] = (totals[now.name] ?? 0) + used / ticksPerSecond;
      }
      return Object.fromEntries(
        Object.entries(totals)
          .filter(([, seconds]) => seconds >= 0.05)
          .sort((a, b) => b[1] - a[1])
          .map(([name, seconds]) => [name, Math.round(seconds * 100) / 100]),
      );
    },
  };
}

/**
 * The split for one bench run: its worker processes, this process (the bench and its local
 * provider), its own Postgres backends and Redis, apart from other work on the machine.
 */
export function startRunCpuSplit(world: EngineWorld, fleet: { processes: WorkerProcess[] }): CpuSplit {
  const workerPids = new Set(fleet.processes.map((p) => p.child.pid));
  const database = new URL(world.testDb.url).pathname.slice(1);
  return startCpuSplit((pid, commandLine) => {
    if (workerPids.has(pid)) return 'workers';
    if (pid === process.pid) return 'bench + provider';
    if (commandLine.startsWith('postgres:'))
      return commandLine.includes(` ${database} `) ? 'postgres (this run)' : 'postgres (other)';
    if (commandLine.includes('redis-server')) return 'redis';
    return 'other';
  });
}
