import fc from 'fast-check';
import { parseIsoDate } from './iso-date.ts';
import type { ValueType } from './schema.ts';

/** A field's value type, optionally with real values so generated tests hit real customers. */
export type FieldSpec = ValueType | { valueType: ValueType; examples?: readonly unknown[] };

export function specType(spec: FieldSpec): ValueType {
  return typeof spec === 'string' ? spec : spec.valueType;
}

function examplesOf<T>(spec: FieldSpec, keep: (v: unknown) => v is T): T[] {
  return typeof spec === 'string' ? [] : (spec.examples ?? []).filter(keep);
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isDateText = (v: unknown): v is string => typeof v === 'string' && parseIsoDate(v) !== undefined;
const DAY = 86_400_000;

// Mostly values customers really hold (or close to them), sometimes anything, so conditions split
// the population instead of matching everyone or no one.
function preferExamples<T>(
  examples: T[],
  near: (example: fc.Arbitrary<T>) => fc.Arbitrary<T>,
  anything: fc.Arbitrary<T>,
) {
  if (examples.length === 0) return anything;
  const example = fc.constantFrom(...examples);
  return fc.oneof(
    { arbitrary: example, weight: 6 },
    { arbitrary: near(example), weight: 3 },
    { arbitrary: anything, weight: 1 },
  );
}

export function numberValue(spec: FieldSpec): fc.Arbitrary<number> {
  return preferExamples(
    examplesOf(spec, isNumber),
    (example) => fc.tuple(example, fc.integer({ min: -3, max: 3 })).map(([v, d]) => v + d),
    fc.oneof(
      fc.integer({ min: -100, max: 1000 }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.constant(0),
    ),
  );
}

export function stringValue(spec: FieldSpec, op: string): fc.Arbitrary<string> {
  const examples = examplesOf(spec, isString).filter((s) => s.length <= 1000 && !s.includes('\u0000'));
  const anything = fc.string({ maxLength: 8 });
  if (op === 'contains' || op === 'startsWith') {
    return preferExamples(
      examples,
      (example) =>
        fc.tuple(example, fc.nat(), fc.nat()).map(([s, a, b]) => {
          const start = op === 'startsWith' ? 0 : a % (s.length + 1);
          return s.slice(start, start + 1 + (b % 4));
        }),
      anything,
    );
  }
  return preferExamples(examples, (example) => example.map((s) => s.toUpperCase()), anything);
}

export function dateValue(spec: FieldSpec, now: Date): fc.Arbitrary<string> {
  const around = fc
    .integer({ min: -400 * DAY, max: 30 * DAY })
    .map((shift) => new Date(now.getTime() + shift));
  const anything = fc.tuple(around, fc.nat(3)).map(([d, style]) => formatDate(d, style));
  return preferExamples(
    examplesOf(spec, isDateText),
    (example) =>
      fc
        .tuple(example, fc.integer({ min: -3 * DAY, max: 3 * DAY }), fc.nat(3))
        .map(([text, shift, style]) =>
          formatDate(new Date((parseIsoDate(text) ?? now.getTime()) + shift), style),
        ),
    anything,
  );
}

/** Day counts, around how long ago the examples lie when there are examples. */
export function daysValue(spec: FieldSpec, now: Date, min: number): fc.Arbitrary<number> {
  const ages = examplesOf(spec, isDateText)
    .map((text) => Math.round((now.getTime() - (parseIsoDate(text) ?? 0)) / DAY))
    .filter((days) => days >= min && days <= 36_500);
  const anything = fc.integer({ min, max: 400 });
  return ages.length === 0
    ? anything
    : fc.oneof({ arbitrary: fc.constantFrom(...ages), weight: 3 }, anything);
}

// Four spellings of the same kind of instant: date only, UTC, an offset, and no zone.
function formatDate(date: Date, style: number): string {
  const iso = date.toISOString();
  if (style === 0) return iso.slice(0, 10);
  if (style === 1) return iso;
  if (style === 2) return `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
  return iso.slice(0, 16);
}
