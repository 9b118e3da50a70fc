import { compileOptionsFor, type HandlebarsEnv, runtimeOptions } from './handlebars-env.ts';

/**
 * What Handlebars' runtime sets up before a template runs: the environment's helpers (each wrapped
 * to pass `lookupProperty`), the missing-helper hooks and the prototype-access rules made from our
 * runtime options. Handlebars rebuilds all of it on every top-level call — a third of the CPU of
 * rendering a short SMS — while a partial is handed it ready-made. Built once per environment, it
 * lets every render take that partial path.
 */
export interface RuntimeState {
  readonly helpers: unknown;
  readonly hooks: unknown;
  readonly decorators: unknown;
  readonly protoAccessControl: unknown;
}

/**
 * Captures the state Handlebars builds for one top-level render of `hb`, exactly as it hands it
 * to a partial: a probe template includes a function partial that keeps its options. Using
 * Handlebars' own result (rather than building a copy) keeps helpers, hooks and the
 * prototype-access rules identical to an ordinary render.
 */
export function captureRuntimeState(hb: HandlebarsEnv): RuntimeState {
  let seen: Record<string, unknown> | undefined;
  const probe = hb.compile('{{> probe}}', compileOptionsFor('text'));
  probe(
    {},
    {
      ...runtimeOptions,
      partials: {
        probe: (_context: unknown, options?: unknown) => {
          seen = options as Record<string, unknown>;
          return '';
        },
      },
    },
  );
  if (
    seen === undefined ||
    typeof seen.helpers !== 'object' ||
    typeof seen.hooks !== 'object' ||
    typeof seen.protoAccessControl !== 'object'
  ) {
    // A Handlebars upgrade that changes how partials are called: fail at start-up, not per message.
    throw new Error('This Handlebars version does not pass its runtime state to partials as expected.');
  }
  // Shared by every render from now on, so nothing may change them.
  return Object.freeze({
    helpers: Object.freeze(seen.helpers),
    hooks: Object.freeze(seen.hooks),
    decorators: seen.decorators,
    protoAccessControl: seen.protoAccessControl,
  });
}

/**
 * Runtime options that run a compiled template on `context` with prepared state. `partial: true`
 * makes Handlebars take the state as given; `data` is the root frame it would otherwise create.
 */
export function preparedRunOptions(
  state: RuntimeState,
  partials: Readonly<Record<string, unknown>>,
  context: unknown,
): Record<string, unknown> {
  return {
    partial: true,
    helpers: state.helpers,
    hooks: state.hooks,
    decorators: state.decorators,
    protoAccessControl: state.protoAccessControl,
    partials,
    data: { root: context },
  };
}
