import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** Work that outlives its request (a CSV import after its 202): `app.close()` waits for it. */
    background: BackgroundTasks;
  }
}

export interface BackgroundTasks {
  /** Runs `task` after the current request; failures are logged, never thrown at anyone. */
  run(name: string, task: () => Promise<unknown>): void;
  /** Resolves when every task started so far has settled (tests wait on this). */
  idle(): Promise<void>;
}

/** Tracks background work so a graceful shutdown does not cut an import in half. */
export const backgroundTasksPlugin = fp(
  async (app: FastifyInstance) => {
    const running = new Set<Promise<unknown>>();
    const tasks: BackgroundTasks = {
      run(name, task) {
        const promise = Promise.resolve()
          .then(task)
          .catch((err: unknown) => app.log.error({ err, task: name }, 'background task failed'))
          .finally(() => running.delete(promise));
        running.add(promise);
      },
      async idle() {
        while (running.size > 0) await Promise.allSettled([...running]);
      },
    };
    app.decorate('background', tasks);
    app.addHook('onClose', async () => tasks.idle());
  },
  { name: 'waymark-background-tasks' },
);
