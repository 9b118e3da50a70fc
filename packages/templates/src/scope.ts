type Path = hbs.AST.PathExpression;

/**
 * What a path expression reads: a root path (`''` is the root itself), nothing nameable, or a
 * mistake. `unnamed` is true when the path does read data, but data the walk cannot name (inside
 * `{{#with (default a b)}}`, say); false for loop data (`@index`) and index / key parameters.
 */
export type PathReading =
  | { kind: 'variable'; path: string }
  | { kind: 'not-a-variable'; unnamed: boolean }
  | { kind: 'problem'; message: string };

const loopData = new Set(['index', 'key', 'first', 'last']);

function displayPart(part: string): string {
  return /[\s.[\]]/.test(part) ? `[${part}]` : part;
}

/**
 * Follows Handlebars' contexts while walking a template, so that a path written inside
 * `{{#each event.items}}` reads as `event.items[].amount`: `#each` and `#with` change the context,
 * `../` steps out, `@root.` starts over, and block parameters (`as |item i|`) name the item.
 * Paths whose context is not a root path (e.g. inside `{{#with (default a b)}}`) read nothing.
 */
export class Scope {
  /** Context paths, innermost last; `undefined` when the context is not a root path. */
  private readonly contexts: (string | undefined)[] = [''];
  /**
   * Block parameters in scope, innermost last: the root path of the value, `undefined` when that
   * is not a root path, `null` for an index or key (a number or a field name, never data).
   */
  private readonly blockParams: Map<string, string | undefined | null>[] = [];
  private loopDepth = 0;

  /** Enters the body of `{{#each subject as |item index|}}` or `{{#with subject as |value|}}`. */
  enter(helper: 'each' | 'with', subject: string | undefined, params: readonly string[]): void {
    const context = subject === undefined ? undefined : helper === 'each' ? `${subject}[]` : subject;
    const names = new Map<string, string | undefined | null>();
    if (params[0] !== undefined) names.set(params[0], context);
    if (params[1] !== undefined) names.set(params[1], null);
    this.contexts.push(context);
    this.blockParams.push(names);
    if (helper === 'each') this.loopDepth += 1;
  }

  leave(helper: 'each' | 'with'): void {
    if (helper === 'each') this.loopDepth -= 1;
    this.blockParams.pop();
    this.contexts.pop();
  }

  read(path: Path): PathReading {
    let base: string | undefined;
    let rest = path.parts;
    if (path.data) {
      const head = rest[0] ?? '';
      if (head !== 'root') {
        if (!loopData.has(head)) {
          return {
            kind: 'problem',
            message: `@${head} does not exist: use @index, @key, @first, @last or @root.`,
          };
        }
        if (this.loopDepth === 0)
          return { kind: 'problem', message: `@${head} only exists inside {{#each}}.` };
        return { kind: 'not-a-variable', unnamed: false };
      }
      base = '';
      rest = rest.slice(1);
    } else {
      const head = rest[0];
      // Mirrors Handlebars: `this.x` / `./x` never name a block parameter.
      const scoped = /^\.|this\b/.test(path.original);
      const binding = path.depth === 0 && !scoped && head !== undefined ? this.blockParam(head) : undefined;
      if (binding !== undefined) {
        if (binding.path === null) return { kind: 'not-a-variable', unnamed: false };
        base = binding.path;
        rest = rest.slice(1);
      } else {
        base = this.contexts[this.contexts.length - 1 - path.depth];
      }
    }
    if (base === undefined) return { kind: 'not-a-variable', unnamed: true };
    const tail = rest.map(displayPart).join('.');
    if (base === '') return { kind: 'variable', path: tail };
    return { kind: 'variable', path: tail === '' ? base : `${base}.${tail}` };
  }

  private blockParam(name: string): { path: string | undefined | null } | undefined {
    for (let i = this.blockParams.length - 1; i >= 0; i--) {
      const names = this.blockParams[i];
      if (names?.has(name)) return { path: names.get(name) };
    }
    return undefined;
  }
}
