import { type EngineEnv, loadEngineEnv } from '@waymark/config';

/**
 * The engine's variables are declared in the shared environment spec (@waymark/config), so the
 * README's table documents them and every process validates them the same way.
 */
export { type ProcessorGroup, processorGroups } from '@waymark/config';

export type WorkerEnv = EngineEnv;

/** Parses the engine's variables, listing every problem in one message (a ConfigError). */
export function parseWorkerEnv(env: Record<string, string | undefined>): WorkerEnv {
  return loadEngineEnv(env);
}
