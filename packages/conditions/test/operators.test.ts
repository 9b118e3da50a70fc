import { describe, expect, it } from 'vitest';
import {
  countOperators,
  locales,
  type OperatorInfo,
  operatorCatalog,
  tagOperators,
  type ValueShape,
} from '../src/operators.ts';
import {
  conditionSchema,
  countOps,
  opsByValueType,
  tagOps,
  type ValueType,
  valueTypes,
} from '../src/schema.ts';

// A value of each shape for each type, so the catalog's shapes can be checked against the schema.
const samples: Record<ValueType, Record<ValueShape, unknown>> = {
  number: { none: undefined, single: 5, pair: [1, 9], list: [1, 2, 3], days: 7 },
  string: { none: undefined, single: 'admin.', pair: ['a', 'b'], list: ['a', 'b', 'c'], days: 7 },
  boolean: { none: undefined, single: true, pair: [true, false], list: [true], days: 7 },
  date: {
    none: undefined,
    single: '2026-11-23',
    pair: ['2026-01-01', '2026-02-01'],
    list: ['2026-01-01'],
    days: 7,
  },
};
const shapes: ValueShape[] = ['none', 'single', 'pair', 'list', 'days'];

function leafWith(valueType: ValueType, op: string, value: unknown) {
  return { type: 'attribute', field: 'x', valueType, op, ...(value === undefined ? {} : { value }) };
}

describe('operator catalog', () => {
  it('lists exactly the operators the schema allows, in its order', () => {
    for (const valueType of valueTypes) {
      expect(operatorCatalog[valueType].map((entry) => entry.op)).toEqual([...opsByValueType[valueType]]);
    }
    expect(tagOperators.map((entry) => entry.op)).toEqual([...tagOps]);
    expect(countOperators.map((entry) => entry.op)).toEqual([...countOps]);
  });

  it('gives each operator the value shape the schema accepts, and only that one', () => {
    for (const valueType of valueTypes) {
      for (const entry of operatorCatalog[valueType]) {
        for (const shape of shapes) {
          const parsed = conditionSchema.safeParse(leafWith(valueType, entry.op, samples[valueType][shape]));
          if (entry.shape === 'none') {
            // exists / notExists take no value: one sent along is dropped, never compared.
            expect(parsed.success && !('value' in parsed.data), `${valueType} ${entry.op}`).toBe(true);
            continue;
          }
          const accepted = parsed.success;
          const given = samples[valueType][shape];
          const wanted = samples[valueType][entry.shape];
          // A pair is also a list, and a whole number is both a single number and a day count.
          const alike =
            (entry.shape === 'list' && shape === 'pair') ||
            (typeof given === 'number' && typeof wanted === 'number' && Number.isInteger(given));
          expect(accepted, `${valueType} ${entry.op} with a ${shape} value`).toBe(
            shape === entry.shape || alike,
          );
        }
      }
    }
  });

  it('labels every operator in English and Chinese', () => {
    const all: OperatorInfo[] = [
      ...valueTypes.flatMap((t): readonly OperatorInfo[] => operatorCatalog[t]),
      ...tagOperators,
      ...countOperators,
    ];
    for (const entry of all) {
      for (const locale of locales) expect(entry.label[locale].trim(), `${entry.op} ${locale}`).not.toBe('');
      expect(entry.symbol).not.toBe('');
    }
    expect(operatorCatalog.number.find((e) => e.op === 'gte')).toMatchObject({
      symbol: '≥',
      label: { en: 'at least', 'zh-CN': '不少于' },
    });
  });
});
