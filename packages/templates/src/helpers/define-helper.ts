import type { TemplateLocale } from '../locale.ts';

/** What a helper knows about the render it runs in. */
export interface HelperContext {
  locale: TemplateLocale;
  timeZone: string;
}

/** Options given as `key=value` after the positional values, e.g. `{{currency x code="USD"}}`. */
export type HelperHash = Readonly<Record<string, unknown>>;

/**
 * One inline helper: a pure function of its values, options and the render's locale / zone.
 * `minArgs` / `maxArgs` / `hashKeys` are checked when a template is compiled, so a planner learns
 * about `{{currency}}` without a value while editing, not when a message is sent.
 */
export interface HelperDefinition {
  name: string;
  minArgs: number;
  maxArgs: number;
  hashKeys: readonly string[];
  /** One line for the editor's helper list. */
  summary: string;
  /** A call the editor can insert, e.g. `{{currency attributes.balance}}`. */
  example: string;
  run(args: readonly unknown[], hash: HelperHash, context: HelperContext): unknown;
}

/** Identity function that checks a helper definition's shape at compile time. */
export function defineHelper<const T extends HelperDefinition>(definition: T): T {
  return definition;
}

/**
 * A helper refusing its input. `missingArgument` is set when the value is absent (null or
 * undefined), so the render can name the variable and suggest `{{default}}`.
 */
export class HelperFault extends Error {
  readonly missingArgument: number | undefined;

  constructor(message: string, missingArgument?: number) {
    super(message);
    this.name = 'HelperFault';
    this.missingArgument = missingArgument;
  }
}

/** Stops the helper: `message` reads after the helper's name, e.g. "needs a number, …". */
export function refuse(message: string): never {
  throw new HelperFault(message);
}

/** Stops the helper because positional value `index` has no value. */
export function missingValue(index: number): never {
  throw new HelperFault('has no value', index);
}
