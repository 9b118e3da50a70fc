import type { LocalizedText } from '../i18n/locale.ts';
import { type NodeProblemCode, nodeTypes } from '../registry.ts';
import { type CoreProblemCode, coreProblemMessages } from './core-catalog.ts';
import { type FieldReason, fieldReasons } from './reasons.ts';

/** Every code `validate` and `canConnect` can report: stable strings the web can key on. */
export type ProblemCode = CoreProblemCode | NodeProblemCode;

/**
 * Message templates of every problem code in every locale: the core checks' and those node
 * types declare. Placeholders are `{name}`; see `formatProblem` for the ones it fills itself.
 */
export const problemCatalog: Readonly<Record<ProblemCode, LocalizedText>> = Object.freeze(
  Object.assign(
    {},
    coreProblemMessages,
    ...nodeTypes.map((definition) => ('problems' in definition ? definition.problems : {})),
  ),
);

/** Every problem code, sorted, e.g. to check a translation file covers them all. */
export const problemCodes: readonly ProblemCode[] = Object.freeze(
  (Object.keys(problemCatalog) as ProblemCode[]).sort(),
);

/** Texts of the field reasons used in `node.invalid-config`, `settings.invalid` and `graph.invalid-shape`. */
export const fieldReasonCatalog: Readonly<Record<FieldReason, LocalizedText>> = fieldReasons;

/** True when `code` is a known problem code. */
export function isProblemCode(code: unknown): code is ProblemCode {
  return typeof code === 'string' && Object.hasOwn(problemCatalog, code);
}
