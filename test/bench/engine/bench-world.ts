import { createEngineWorld, type EngineWorld } from '../../engine/support/engine-world.ts';
import { startWorkerProcess, type WorkerProcess } from '../../engine/support/worker-process.ts';

/** Worker processes as deployed (workers/src/main.ts), started and awaited until their workers are connected. */
export async function startWorkerFleet(
  world: EngineWorld,
  count: number,
  env: Record<string, string>,
): Promise<{ processes: WorkerProcess[]; stop(): Promise<void> }> {
  // BENCH_CPU_PROF=<dir> writes a CPU profile of every worker process there (open it in Chrome DevTools).
  const profileDir = process.env.BENCH_CPU_PROF;
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const processes = Array.from({ length: count }, () =>
    startWorkerProcess(world, { WAYMARK_RATE_LIMITS: 'none', LOG_LEVEL: 'error', ...env }, nodeArgs),
  );
  const steps = world.r.producers.queue('steps');
  const started = Date.now();
  // Each process opens one blocking connection per worker; the step queue's count tells they are up.
  while ((await steps.getWorkersCount()) < count) {
    const dead = processes.find((p) => p.child.exitCode !== null);
    if (dead) throw new Error(`a worker process exited during start-up:\n${dead.stderr()}`);
    if (Date.now() - started > 60_000) throw new Error('worker processes did not start within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    processes,
    async stop() {
      for (const p of processes) p.child.kill('SIGTERM');
      await Promise.all(processes.map((p) => p.exited));
    },
  };
}

export { createEngineWorld, type EngineWorld };
