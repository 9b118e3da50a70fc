import type { EdgeCase } from './edge-cases.ts';
import { leaf, MISSING, storing } from './edge-cases.ts';

const n = (op: string, value?: unknown) => leaf('number', op, value);
const s = (op: string, value?: unknown) => leaf('string', op, value);
const b = (op: string, value?: unknown) => leaf('boolean', op, value);

/** Numbers, strings and booleans: each operator, its boundaries, and values of the wrong type. */
export const valueCases: EdgeCase[] = [
  ...storing(5, [
    [n('eq', 5), true],
    [n('eq', 5.000001), false],
    [n('neq', 5), false],
    [n('neq', 4), true],
    [n('gt', 4), true],
    [n('gt', 5), false],
    [n('gte', 5), true],
    [n('lt', 5), false],
    [n('lte', 5), true],
    [n('between', [5, 10]), true],
    [n('between', [0, 5]), true],
    [n('between', [5, 5]), true],
    [n('between', [6, 10]), false],
    [n('in', [1, 5]), true],
    [n('in', [1, 2]), false],
    [n('notIn', [1, 5]), false],
    [n('notIn', [1, 2]), true],
    [n('exists'), true],
    [n('notExists'), false],
    [{ type: 'not', condition: n('gt', 4) }, false],
  ]),
  // A number written as text is not a number: every test fails, only notExists holds.
  ...storing('5', [
    [n('eq', 5), false],
    [n('neq', 5), false],
    [n('notIn', [1]), false],
    [n('exists'), false],
    [n('notExists'), true],
    [{ type: 'not', condition: n('eq', 5) }, true],
    [s('eq', '5'), true],
  ]),
  ...storing(MISSING, [
    [n('neq', 5), false],
    [n('notIn', [5]), false],
    [n('lt', 1e300), false],
    [n('notExists'), true],
    [{ type: 'not', condition: n('neq', 5) }, true],
    [s('neq', 'x'), false],
    [b('is', false), false],
  ]),
  ...storing(null, [
    [n('exists'), false],
    [n('notExists'), true],
    [s('notExists'), true],
    [b('exists'), false],
  ]),
  ...storing(true, [
    [n('eq', 1), false],
    [b('is', true), true],
    [b('is', false), false],
    [s('eq', 'true'), false],
  ]),
  ...storing(
    [5],
    [
      [n('eq', 5), false],
      [n('notExists'), true],
    ],
  ),
  ...storing({ v: 5 }, [
    [n('exists'), false],
    [s('exists'), false],
  ]),
  ...storing(0.1 + 0.2, [
    [n('eq', 0.3), false],
    [n('gt', 0.3), true],
    [n('eq', 0.30000000000000004), true],
  ]),
  ...storing(1e21, [
    [n('eq', 1e21), true],
    [n('gt', 1e20), true],
    [n('in', [1e21, 2]), true],
  ]),
  ...storing(-2.5e-8, [
    [n('lt', 0), true],
    [n('between', [-1e-7, -1e-8]), true],
  ]),
  ...storing(5e-324, [
    [n('gt', 0), true],
    [n('eq', 5e-324), true],
  ]),
  ...storing(123456789.12345679, [
    [n('eq', 123456789.12345679), true],
    [n('lt', 123456789.1234568), true],
  ]),
  ...storing(-9007199254740991, [
    [n('lte', -9007199254740991), true],
    [n('lt', -9007199254740991), false],
  ]),
  ...storing('Hello', [
    [s('eq', 'Hello'), true],
    [s('eq', 'hello'), false],
    [s('neq', 'hello'), true],
    [s('neq', 'Hello'), false],
    [s('contains', 'ell'), true],
    [s('contains', 'ELL'), false],
    [s('contains', ''), true],
    [s('startsWith', 'He'), true],
    [s('startsWith', 'he'), false],
    [s('startsWith', ''), true],
    [s('startsWith', 'Hello!'), false],
    [s('in', ['x', 'Hello']), true],
    [s('in', ['hello']), false],
    [s('notIn', ['hello']), true],
    [s('notIn', ['Hello']), false],
    [s('exists'), true],
    [n('exists'), false],
  ]),
  // LIKE wildcards and backslashes are ordinary characters to these operators.
  ...storing('a%b_c\\d', [
    [s('contains', '%b_'), true],
    [s('startsWith', 'a%'), true],
    [s('contains', '\\d'), true],
    [s('eq', 'a%b_c\\d'), true],
  ]),
  ...storing('abc', [
    [s('contains', '%'), false],
    [s('contains', '_'), false],
    [s('startsWith', '_'), false],
  ]),
  ...storing('', [
    [s('eq', ''), true],
    [s('exists'), true],
    [s('contains', ''), true],
    [s('contains', 'a'), false],
  ]),
  ...storing('Hello ', [
    [s('eq', 'Hello'), false],
    [s('startsWith', 'Hello'), true],
  ]),
  ...storing('中文客户 😀', [
    [s('startsWith', '中文'), true],
    [s('contains', '客户 😀'), true],
    [s('contains', '😀'), true],
    [s('in', ['中文客户 😀']), true],
  ]),
  // No Unicode normalisation: é (one code point) is not e + combining accent.
  ...storing('\u00e9', [
    [s('eq', 'e\u0301'), false],
    [s('contains', 'e'), false],
  ]),
  ...storing(5, [
    [s('eq', '5'), false],
    [s('exists'), false],
    [s('notExists'), true],
  ]),
  ...storing(false, [
    [b('is', false), true],
    [b('is', true), false],
    [b('exists'), true],
  ]),
  ...storing('true', [
    [b('is', true), false],
    [b('exists'), false],
    [b('notExists'), true],
  ]),
  ...storing(1, [[b('is', true), false]]),
];
