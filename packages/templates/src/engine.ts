import { analyzeTemplate, mayRead, type TemplateAnalysis } from './analysis.ts';
import { type CompiledTemplate, createCompiledTemplate, type TemplateFunction } from './compiled-template.ts';
import type { TemplateProblem } from './errors.ts';
import {
  compileOptionsFor,
  createHandlebarsEnv,
  type HandlebarsEnv,
  type TemplateFormat,
} from './handlebars-env.ts';
import { hashText, LruCache } from './lru-cache.ts';
import { parseTemplate, type TemplateAst } from './parse.ts';
import { captureRuntimeState } from './runtime-state.ts';

/** The channels a script is written for; the channel decides the escaping. */
export type TemplateChannel = 'sms' | 'wecom' | 'push' | 'email' | 'rm';

/** E-mail bodies are HTML (values escaped); every other channel sends plain text, unescaped. */
export function formatForChannel(channel: TemplateChannel): TemplateFormat {
  return channel === 'email' ? 'html' : 'text';
}

/** How to compile: by `format`, or by `channel` (format wins when both are given). Default: text. */
export interface CompileOptions {
  format?: TemplateFormat;
  channel?: TemplateChannel;
}

export interface ValidateOptions extends CompileOptions {
  /** Allowed variables (`customer.name`, `attributes.*`, …); others become problems. */
  knownVariables?: readonly string[];
}

/** Compiled, or the first problem (the earliest in the text). */
export type CompileResult = { ok: true; template: CompiledTemplate } | { ok: false; error: TemplateProblem };

/** Everything the editor shows about a template: what it uses and every problem, located. */
export interface TemplateValidation {
  ok: boolean;
  variables: string[];
  helpers: string[];
  partials: string[];
  problems: TemplateProblem[];
}

export interface EngineOptions {
  /** Compiled templates kept (least recently used dropped first). Default 500. */
  cacheSize?: number;
  /** Longest template source accepted. Default 100,000 characters. */
  maxSourceChars?: number;
  /** Partials templates may include with `{{> name}}`: ours only, checked like templates. */
  partials?: Readonly<Record<string, string>>;
}

/** Compile-cache counters: `compiles` only grows on a miss that compiled successfully. */
export interface CacheStats {
  compiles: number;
  hits: number;
  misses: number;
  size: number;
  maxEntries: number;
}

/** An isolated Handlebars environment with our helpers, its partials and its compile cache. */
export interface TemplateEngine {
  compile(source: string, options?: CompileOptions): CompileResult;
  validate(source: string, options?: ValidateOptions): TemplateValidation;
  stats(): CacheStats;
  clearCache(): void;
}

function formatOf(options: CompileOptions | undefined): TemplateFormat {
  if (options?.format === 'html' || options?.format === 'text') return options.format;
  return options?.channel === undefined ? 'text' : formatForChannel(options.channel);
}

function forceCompile(hb: HandlebarsEnv, source: string, format: TemplateFormat): TemplateFunction {
  const run = hb.compile(source, compileOptionsFor(format)) as unknown as TemplateFunction & {
    _setup(options: object): void;
  };
  // Handlebars compiles on first render; doing it now puts errors at compile time and keeps
  // code generation off the send path.
  run._setup({});
  return run;
}

function problemFromCompiler(error: unknown): TemplateProblem {
  const exception = error as { message?: unknown; lineNumber?: unknown; column?: unknown };
  const message = typeof exception?.message === 'string' ? exception.message.replace(/ - \d+:\d+$/, '') : '';
  return {
    code: 'template.syntax',
    message: `The script cannot be compiled${message === '' ? '' : `: ${message}`}.`,
    line: typeof exception?.lineNumber === 'number' ? exception.lineNumber : 1,
    column: typeof exception?.column === 'number' ? exception.column + 1 : 1,
  };
}

/**
 * Creates a template engine. Most callers use the shared default engine through
 * `compileTemplate` / `validateTemplate`; a separate engine is for other partials or cache sizes.
 */
export function createTemplateEngine(options: EngineOptions = {}): TemplateEngine {
  const hb = createHandlebarsEnv();
  const runtime = captureRuntimeState(hb);
  const maxSourceChars = options.maxSourceChars ?? 100_000;
  const cache = new LruCache<string, CompiledTemplate>(options.cacheSize ?? 500);
  const counters = { compiles: 0, hits: 0, misses: 0 };

  const partialAsts = new Map<string, TemplateAst>();
  for (const [name, source] of Object.entries(options.partials ?? {})) {
    const parsed = parseTemplate(hb, source);
    if (!parsed.ok) throw new Error(`Partial "${name}": ${parsed.problem.message}`);
    partialAsts.set(name, parsed.ast);
  }
  for (const [name, ast] of partialAsts) {
    const problems = analyzeTemplate(ast, { format: 'text', partials: partialAsts }).problems;
    if (problems[0] !== undefined) throw new Error(`Partial "${name}": ${problems[0].message}`);
  }
  const compiledPartials = new Map<TemplateFormat, Record<string, TemplateFunction>>();
  function partialsFor(format: TemplateFormat): Record<string, TemplateFunction> {
    let compiled = compiledPartials.get(format);
    if (compiled === undefined) {
      compiled = {};
      for (const [name, source] of Object.entries(options.partials ?? {}))
        compiled[name] = forceCompile(hb, source, format);
      compiledPartials.set(format, compiled);
    }
    return compiled;
  }

  function analyze(
    source: unknown,
    format: TemplateFormat,
    knownVariables?: readonly string[],
  ): { ok: true; analysis: TemplateAnalysis } | { ok: false; problem: TemplateProblem } {
    if (typeof source !== 'string') {
      return {
        ok: false,
        problem: { code: 'template.syntax', message: 'The script must be text.', line: 1, column: 1 },
      };
    }
    if (source.length > maxSourceChars) {
      const message = `The script is ${source.length.toLocaleString('en')} characters long; the limit is ${maxSourceChars.toLocaleString('en')}.`;
      return { ok: false, problem: { code: 'template.too-long', message, line: 1, column: 1 } };
    }
    const parsed = parseTemplate(hb, source);
    if (!parsed.ok) return parsed;
    return {
      ok: true,
      analysis: analyzeTemplate(parsed.ast, { format, partials: partialAsts, knownVariables }),
    };
  }

  /**
   * The template the last compile returned, which is therefore the cache's most recent entry: the
   * send path asks for the same script for every customer of a batch, and this answers without
   * hashing the source or reordering the cache.
   */
  let latest: CompiledTemplate | undefined;

  function compile(source: string, compileOptions?: CompileOptions): CompileResult {
    const format = formatOf(compileOptions);
    if (latest !== undefined && latest.source === source && latest.format === format) {
      counters.hits += 1;
      return { ok: true, template: latest };
    }
    const key = typeof source === 'string' ? hashText(`${format}\u0000${source}`) : '';
    const cached = cache.get(key);
    if (cached !== undefined && cached.source === source && cached.format === format) {
      counters.hits += 1;
      latest = cached;
      return { ok: true, template: cached };
    }
    // The lookup may have made another entry (a hash collision) the most recent.
    latest = undefined;
    counters.misses += 1;
    const analyzed = analyze(source, format);
    if (!analyzed.ok) return { ok: false, error: analyzed.problem };
    const { analysis } = analyzed;
    if (analysis.problems[0] !== undefined) return { ok: false, error: analysis.problems[0] };
    let run: TemplateFunction;
    try {
      run = forceCompile(hb, source, format);
    } catch (error) {
      return { ok: false, error: problemFromCompiler(error) };
    }
    counters.compiles += 1;
    const template = createCompiledTemplate(
      {
        source,
        format,
        variables: analysis.variables,
        helpers: analysis.helpers,
        usesCustomerName: mayRead(analysis, 'customer.name'),
      },
      {
        run,
        partials: partialsFor(format),
        runtime,
        pathsAt: analysis.pathsAt,
        argumentsAt: analysis.argumentsAt,
      },
    );
    cache.set(key, template);
    latest = template;
    return { ok: true, template };
  }

  function validate(source: string, validateOptions?: ValidateOptions): TemplateValidation {
    const format = formatOf(validateOptions);
    const analyzed = analyze(source, format, validateOptions?.knownVariables);
    if (!analyzed.ok)
      return { ok: false, variables: [], helpers: [], partials: [], problems: [analyzed.problem] };
    const { variables, helpers, partials, problems } = analyzed.analysis;
    if (problems.length === 0) {
      // The analysis mirrors the compiler's rules; compiling as well catches anything it missed.
      const compiled = compile(source, { format });
      if (!compiled.ok) problems.push(compiled.error);
    }
    return { ok: problems.length === 0, variables, helpers, partials, problems };
  }

  return {
    compile,
    validate,
    stats: () => ({ ...counters, size: cache.size, maxEntries: cache.maxEntries }),
    clearCache: () => {
      cache.clear();
      latest = undefined;
    },
  };
}
