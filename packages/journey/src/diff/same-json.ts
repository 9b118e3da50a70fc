/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Keys whose value is not undefined: JSON drops the others, so they are not a difference. */
function definedKeys(record: Record<string, unknown>): string[] {
  return Object.keys(record).filter((key) => record[key] !== undefined);
}

/**
 * Structural equality of JSON values, ignoring key order and keys holding `undefined`: two
 * graphs that serialise to the same JSON are the same graph.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => sameJson(item, b[index]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = definedKeys(a);
  if (keys.length !== definedKeys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
}

/** Top-level keys of two objects whose values differ (sorted). */
export function changedKeys(a: unknown, b: unknown): string[] {
  const left = isRecord(a) ? a : {};
  const right = isRecord(b) ? b : {};
  const keys = new Set([...definedKeys(left), ...definedKeys(right)]);
  return [...keys].filter((key) => !sameJson(left[key], right[key])).sort();
}
