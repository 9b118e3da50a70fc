import Handlebars from 'handlebars';
import { locKey, RenderAbort, readLoc, type SourceLoc } from './errors.ts';
import { type HelperDefinition, HelperFault } from './helpers/define-helper.ts';
import { blockHelpers, inlineHelpers } from './helpers/index.ts';
import { isTruthy } from './helpers/logic.ts';
import { activeSession } from './render-session.ts';

/** The environment type Handlebars.create() returns. */
export type HandlebarsEnv = ReturnType<typeof Handlebars.create>;

/** The escaping a template gets: `text` for SMS / WeCom / push, `html` for e-mail bodies. */
export type TemplateFormat = 'text' | 'html';

type Program = (context: unknown, options?: unknown) => string;

/** What Handlebars passes as the last argument of a helper (only the parts we read). */
interface HelperCallOptions {
  fn?: Program;
  inverse?: Program;
  hash?: Record<string, unknown>;
  loc?: unknown;
  name?: string;
  [key: string]: unknown;
}

function lastAsOptions(args: unknown[]): HelperCallOptions {
  const options = args[args.length - 1];
  return typeof options === 'object' && options !== null ? (options as HelperCallOptions) : {};
}

/** Turns whatever a helper threw into a located render error naming the helper. */
function helperFailure(helper: string, error: unknown, loc: SourceLoc | undefined): RenderAbort {
  if (error instanceof RenderAbort) return error;
  if (error instanceof HelperFault) {
    const session = activeSession();
    if (error.missingArgument !== undefined) {
      const names = loc === undefined ? undefined : session.argumentNames.get(locKey(loc));
      const name = names?.[error.missingArgument] ?? 'a value';
      return new RenderAbort(
        'template.missing-variable',
        `{{${helper}}} has nothing to show: ${name} has no value here. ` +
          `If it is optional, write {{${helper} (default ${name} …)}}.`,
        loc,
      );
    }
    return new RenderAbort('template.render', `{{${helper}}} ${error.message}.`, loc);
  }
  // A bug or a hostile value we did not foresee: still a clear, located error, never a raw TypeError.
  return new RenderAbort('template.render', `{{${helper}}} could not use the value it was given.`, loc);
}

function asHandlebarsHelper(definition: HelperDefinition) {
  return function inlineHelper(this: unknown, ...args: unknown[]): unknown {
    const options = lastAsOptions(args);
    const loc = readLoc(options.loc);
    const session = activeSession();
    session.checkTime(loc);
    try {
      return definition.run(args.slice(0, -1), options.hash ?? {}, session.helperContext);
    } catch (error) {
      throw helperFailure(definition.name, error, loc);
    }
  };
}

/** Wraps a block body so that every run checks the clock, the iteration cap and the output size. */
function guardProgram(program: Program | undefined, loc: SourceLoc | undefined): Program {
  if (typeof program !== 'function') return () => '';
  // Made on every block helper call, so left anonymous: under tsx (keepNames) a named function
  // expression is created through a `__name` call that costs more than the closure itself.
  return function (this: unknown, context: unknown, options?: unknown): string {
    const session = activeSession();
    session.enterBlockBody(loc);
    const before = session.committed;
    const text = program.call(this, context, options);
    session.commitBlockOutput(before, text.length, loc);
    return text;
  };
}

type BlockImplementation = (this: unknown, value: unknown, options: HelperCallOptions) => unknown;

function asGuardedBlock(name: string, implementation: BlockImplementation) {
  return function blockHelper(this: unknown, ...args: unknown[]): unknown {
    const options = lastAsOptions(args);
    const loc = readLoc(options.loc);
    activeSession().checkTime(loc);
    if (args.length !== 2) {
      throw new RenderAbort('template.render', `{{#${name}}} needs exactly one value.`, loc);
    }
    const guarded = {
      ...options,
      fn: guardProgram(options.fn, loc),
      inverse: guardProgram(options.inverse, loc),
    };
    return implementation.call(this, args[0], guarded);
  };
}

// Same rule as Handlebars' own #if, so templates behave as the Handlebars documentation says.
function conditionHolds(value: unknown, includeZero: unknown): boolean {
  if (includeZero === true && value === 0) return true;
  return isTruthy(value);
}

/**
 * A Handlebars environment of our own (never the global one) that knows exactly our helpers:
 * the inline helpers, guarded if / unless / each / with, and nothing else: no `lookup` or `log`,
 * no `inline` decorator, no partials unless the engine registers them.
 */
export function createHandlebarsEnv(): HandlebarsEnv {
  const hb = Handlebars.create();
  const builtInEach = hb.helpers.each as BlockImplementation;
  const builtInWith = hb.helpers.with as BlockImplementation;
  for (const name of Object.keys(hb.helpers)) hb.unregisterHelper(name);
  for (const name of Object.keys(hb.decorators)) hb.unregisterDecorator(name);

  for (const definition of inlineHelpers) hb.registerHelper(definition.name, asHandlebarsHelper(definition));
  hb.registerHelper(
    'if',
    asGuardedBlock('if', function (this: unknown, value, options) {
      const holds = conditionHolds(value, options.hash?.includeZero);
      return holds ? options.fn?.(this) : options.inverse?.(this);
    }),
  );
  hb.registerHelper(
    'unless',
    asGuardedBlock('unless', function (this: unknown, value, options) {
      const holds = conditionHolds(value, options.hash?.includeZero);
      return holds ? options.inverse?.(this) : options.fn?.(this);
    }),
  );
  hb.registerHelper('each', asGuardedBlock('each', builtInEach));
  hb.registerHelper('with', asGuardedBlock('with', builtInWith));

  // Reached only if compile-time checks were bypassed; fail loudly rather than print nothing.
  hb.registerHelper('helperMissing', (...args: unknown[]) => {
    const options = lastAsOptions(args);
    throw new RenderAbort(
      'template.render',
      `{{${String(options.name)}}} is not a helper.`,
      readLoc(options.loc),
    );
  });
  hb.registerHelper('blockHelperMissing', (...args: unknown[]) => {
    const options = lastAsOptions(args);
    throw new RenderAbort(
      'template.render',
      `{{#${String(options.name)}}} is not a block helper.`,
      readLoc(options.loc),
    );
  });
  return hb;
}

/** Helper names the compiler may call: ours, plus the two hooks; `lookup` and `log` switched off. */
const knownHelpers: Record<string, boolean> = {
  lookup: false,
  log: false,
  ...Object.fromEntries(inlineHelpers.map((helper) => [helper.name, true])),
  ...Object.fromEntries(Object.keys(blockHelpers).map((name) => [name, true])),
};

/** Handlebars compile options for a format: strict lookups, only our helpers, escaping for HTML. */
export function compileOptionsFor(format: TemplateFormat): CompileOptions {
  return {
    strict: true,
    knownHelpers: { ...knownHelpers },
    knownHelpersOnly: true,
    noEscape: format === 'text',
    data: true,
    compat: false,
  };
}

type CompileOptions = NonNullable<Parameters<HandlebarsEnv['compile']>[1]>;

/**
 * Runtime options for every render. Prototype access stays denied, and saying so explicitly
 * (false rather than unset) also keeps Handlebars from logging a warning per denied property.
 */
export const runtimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowCallsToHelperMissing: false,
} as const;
