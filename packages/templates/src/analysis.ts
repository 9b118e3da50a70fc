import type { TemplateProblem, TemplateProblemCode } from './errors.ts';
import type { TemplateFormat } from './handlebars-env.ts';
import { type CallKind, checkHelperCall, isHelperName } from './helper-usage.ts';
import type { TemplateAst } from './parse.ts';
import { Scope } from './scope.ts';
import { isKnownVariable } from './variables.ts';

type Node = hbs.AST.Node;
type Path = hbs.AST.PathExpression;
type Call = hbs.AST.MustacheStatement | hbs.AST.SubExpression | hbs.AST.BlockStatement;

/** What a template references, and every reason it cannot be used. */
export interface TemplateAnalysis {
  /** Root-level paths in order of first use, e.g. `customer.name`, `attributes.accounts[].amount`. */
  variables: string[];
  helpers: string[];
  partials: string[];
  problems: TemplateProblem[];
  /** Source text of every path, keyed by `line:column` (0-based column, as Handlebars reports). */
  pathsAt: Map<string, string>;
  /** Source text of the values of every helper call, keyed by the call's `line:column`. */
  argumentsAt: Map<string, string[]>;
  /**
   * True when some path reads the whole data (`this` or `@root` at the top) or data the walk
   * cannot name (inside `{{#with (default a b)}}`): such a template may reach any field, so
   * `variables` alone does not bound what it reads.
   */
  readsUnnamedData: boolean;
}

export interface AnalyzeOptions {
  format: TemplateFormat;
  /** Parsed partials the engine registered, by name. */
  partials: ReadonlyMap<string, TemplateAst>;
  /** When given, variables outside these patterns are problems (see `isKnownVariable`). */
  knownVariables?: readonly string[] | undefined;
}

/** Names that lead from data into JavaScript internals; no customer field is called this. */
const forbiddenNames = new Set([
  'constructor',
  'prototype',
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toString',
  'toLocaleString',
  'valueOf',
  'toHTML',
]);

const maxNesting = 40;
const maxProblems = 50;

function keyOf(node: Node): string {
  return `${node.loc?.start.line ?? 0}:${node.loc?.start.column ?? 0}`;
}

function describeArgument(node: Node): string {
  switch (node.type) {
    case 'PathExpression':
      return (node as Path).original;
    case 'StringLiteral':
      return JSON.stringify((node as hbs.AST.StringLiteral).value);
    case 'NumberLiteral':
    case 'BooleanLiteral':
      return String((node as hbs.AST.NumberLiteral).value);
    case 'SubExpression':
      return `(${describeArgument((node as hbs.AST.SubExpression).path)} …)`;
    default:
      return node.type === 'NullLiteral' ? 'null' : 'undefined';
  }
}

class Walker {
  readonly result: TemplateAnalysis = {
    variables: [],
    helpers: [],
    partials: [],
    problems: [],
    pathsAt: new Map(),
    argumentsAt: new Map(),
    readsUnnamedData: false,
  };
  private readonly scope = new Scope();
  private readonly variableAt = new Map<string, Node>();
  private readonly resolved = new Map<Path, string | undefined>();
  private nesting = 0;
  private tooDeepReported = false;
  private readonly seenVariables = new Set<string>();
  private readonly partialStack: string[] = [];

  constructor(private readonly options: AnalyzeOptions) {}

  problem(code: TemplateProblemCode, message: string, node: Node | undefined): void {
    if (this.result.problems.length >= maxProblems) return;
    const line = node?.loc?.start.line ?? 1;
    const column = (node?.loc?.start.column ?? 0) + 1;
    this.result.problems.push({ code, message, line, column });
  }

  program(program: TemplateAst | undefined): void {
    for (const statement of program?.body ?? []) this.statement(statement);
  }

  private statement(node: Node): void {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const mustache = node as hbs.AST.MustacheStatement;
        if (!mustache.escaped && this.options.format === 'html') {
          this.problem(
            'template.unsafe-html',
            '{{{ … }}} and {{& … }} insert raw HTML, which could let customer data change the e-mail; use {{ … }}.',
            node,
          );
        }
        this.callOrValue(mustache);
        return;
      }
      case 'BlockStatement':
        this.block(node as hbs.AST.BlockStatement);
        return;
      case 'PartialStatement':
        this.partial(node as hbs.AST.PartialStatement);
        return;
      case 'PartialBlockStatement':
        this.problem('template.syntax', 'Partial blocks {{#> …}} are not supported.', node);
        return;
      default:
        this.problem('template.syntax', 'Decorators {{* …}} are not supported.', node);
    }
  }

  /** Counts one level of nesting; false (and nothing counted) once the limit is reached. */
  private enter(node: Node): boolean {
    if (this.nesting >= maxNesting) {
      if (!this.tooDeepReported) {
        this.tooDeepReported = true;
        this.problem(
          'template.too-long',
          `The script nests blocks or helpers more than ${maxNesting} deep.`,
          node,
        );
      }
      return false;
    }
    this.nesting += 1;
    return true;
  }

  private callOrValue(mustache: hbs.AST.MustacheStatement): void {
    const path = mustache.path;
    const hasArguments = mustache.params.length > 0 || (mustache.hash?.pairs.length ?? 0) > 0;
    const simpleName =
      path.type === 'PathExpression' && this.isSimple(path as Path) ? (path as Path).parts[0] : undefined;
    if (hasArguments || (simpleName !== undefined && isHelperName(simpleName))) {
      this.call(mustache, 'inline');
      return;
    }
    if (path.type !== 'PathExpression') {
      this.problem(
        'template.syntax',
        'A value in {{ }} must be a variable or a helper call; write plain text outside {{ }}.',
        mustache,
      );
      return;
    }
    this.path(path as Path);
  }

  private isSimple(path: Path): boolean {
    return path.parts.length === 1 && path.depth === 0 && !path.data && !/^\.|this\b/.test(path.original);
  }

  private call(node: Call, kind: CallKind): void {
    if (!this.enter(node)) return;
    const path = node.path;
    const name = path.type === 'PathExpression' ? (path as Path).original : describeArgument(path);
    const hashPairs = node.hash?.pairs ?? [];
    if (path.type !== 'PathExpression' || !this.isSimple(path as Path)) {
      this.problem(
        'template.unknown-helper',
        `{{${name} …}} is not a helper call: a helper is a single name such as currency.`,
        node,
      );
    } else {
      const helperName = (path as Path).parts[0] ?? '';
      const problem = checkHelperCall(
        helperName,
        kind,
        node.params.length,
        hashPairs.map((pair) => pair.key),
      );
      if (problem !== undefined) this.problem(problem.code, problem.message, node);
      else if (!this.result.helpers.includes(helperName)) this.result.helpers.push(helperName);
    }
    if (this.partialStack.length === 0)
      this.result.argumentsAt.set(keyOf(node), node.params.map(describeArgument));
    for (const param of node.params) this.expression(param);
    for (const pair of hashPairs) this.expression(pair.value);
    this.nesting -= 1;
  }

  private expression(node: Node): void {
    if (node.type === 'PathExpression') this.path(node as Path);
    else if (node.type === 'SubExpression') this.call(node as hbs.AST.SubExpression, 'inline');
  }

  private block(block: hbs.AST.BlockStatement): void {
    this.call(block, 'block');
    if (!this.enter(block)) return;
    const name = this.isSimple(block.path) ? block.path.parts[0] : undefined;
    // call() above has already resolved the subject (and reported any problem with it).
    const subject =
      block.params[0]?.type === 'PathExpression' ? this.resolved.get(block.params[0] as Path) : undefined;
    if (name === 'each' || name === 'with') {
      const params = block.program?.blockParams ?? [];
      this.checkNames(params, block);
      this.scope.enter(name, subject, params);
      this.program(block.program);
      this.scope.leave(name);
    } else {
      this.program(block.program);
    }
    this.program(block.inverse);
    this.nesting -= 1;
  }

  private partial(node: hbs.AST.PartialStatement): void {
    const name = node.name.type === 'PathExpression' ? (node.name as Path).original : undefined;
    const partial = name === undefined ? undefined : this.options.partials.get(name);
    const refusal =
      name === undefined
        ? { code: 'template.syntax' as const, message: 'Partials must be named: {{> name}}.' }
        : partial === undefined
          ? { code: 'template.unknown-partial' as const, message: `There is no partial called "${name}".` }
          : node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0
            ? { code: 'template.syntax' as const, message: `The partial {{> ${name}}} takes no values.` }
            : this.partialStack.includes(name)
              ? { code: 'template.syntax' as const, message: `The partial "${name}" includes itself.` }
              : undefined;
    if (refusal !== undefined || name === undefined || partial === undefined) {
      if (refusal !== undefined) this.problem(refusal.code, refusal.message, node);
      return;
    }
    if (!this.result.partials.includes(name)) this.result.partials.push(name);
    this.partialStack.push(name);
    this.program(partial);
    this.partialStack.pop();
  }

  private checkNames(parts: readonly string[], node: Node): boolean {
    const forbidden = parts.find((part) => forbiddenNames.has(part));
    if (forbidden === undefined) return true;
    this.problem('template.forbidden-property', `"${forbidden}" cannot be used as a variable name.`, node);
    return false;
  }

  private path(path: Path): void {
    // Locations inside a partial are the partial's own; they would collide with the template's.
    if (this.partialStack.length === 0) this.result.pathsAt.set(keyOf(path), path.original);
    const variable = this.resolve(path);
    this.resolved.set(path, variable);
    if (variable === undefined || variable === '') return;
    if (!this.seenVariables.has(variable)) {
      this.seenVariables.add(variable);
      this.result.variables.push(variable);
      this.variableAt.set(variable, path);
    }
  }

  /** The root path a path expression reads, or undefined for loop data, block indexes and `this` at the root. */
  private resolve(path: Path): string | undefined {
    if (!this.checkNames(path.parts, path)) return undefined;
    const reading = this.scope.read(path);
    if (reading.kind === 'problem') this.problem('template.unknown-variable', reading.message, path);
    if (
      (reading.kind === 'variable' && reading.path === '') ||
      (reading.kind === 'not-a-variable' && reading.unnamed)
    )
      this.result.readsUnnamedData = true;
    return reading.kind === 'variable' ? reading.path : undefined;
  }

  checkKnownVariables(patterns: readonly string[]): void {
    for (const variable of this.result.variables) {
      if (isKnownVariable(variable, patterns)) continue;
      this.problem(
        'template.unknown-variable',
        `{{${variable}}} is not a known field: use one of ${patterns.slice(0, 12).join(', ')}${patterns.length > 12 ? ', …' : ''}.`,
        this.variableAt.get(variable),
      );
    }
  }
}

/**
 * Whether a template with this analysis may read `path` (a root path such as `customer.name`):
 * it names the path, something below it, or something that holds it (`customer`, or the values
 * of `customer` in `{{#each customer}}`), or it reads data the walk cannot name. Errs towards yes.
 */
export function mayRead(
  analysis: Pick<TemplateAnalysis, 'variables' | 'readsUnnamedData'>,
  path: string,
): boolean {
  if (analysis.readsUnnamedData) return true;
  const holders: string[] = [];
  for (let end = path.indexOf('.'); end !== -1; end = path.indexOf('.', end + 1))
    holders.push(path.slice(0, end));
  return analysis.variables.some(
    (variable) =>
      variable === path ||
      (variable.startsWith(path) && (variable[path.length] === '.' || variable[path.length] === '[')) ||
      holders.some((holder) => variable === holder || variable.startsWith(`${holder}[]`)),
  );
}

/**
 * Walks a parsed template: lists the root variables it reads (following `#each` / `#with`
 * contexts, `../` and block parameters), the helpers and partials it uses, and every problem:
 * unknown helpers, wrong argument counts, forbidden property names, unsafe HTML, unknown partials.
 */
export function analyzeTemplate(ast: TemplateAst, options: AnalyzeOptions): TemplateAnalysis {
  const walker = new Walker(options);
  walker.program(ast);
  if (options.knownVariables !== undefined) walker.checkKnownVariables(options.knownVariables);
  walker.result.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return walker.result;
}
