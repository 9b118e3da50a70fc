import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTemplate, helperCatalog, previewTemplate, render, validateTemplate } from '../src/index.ts';

const problemCodes = [
  'template.syntax',
  'template.unknown-helper',
  'template.helper-arguments',
  'template.unknown-partial',
  'template.unknown-variable',
  'template.forbidden-property',
  'template.unsafe-html',
  'template.too-long',
];
const renderCodes = ['template.missing-variable', 'template.too-long', 'template.timeout', 'template.render'];
const bounds = { timeoutMs: 200, maxOutputChars: 20_000, maxIterations: 2_000 };

/** Fragments that make random text look like templates, so the parser and helpers are reached. */
const fragment = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom(
    '{{',
    '}}',
    '{{#if ',
    '{{/if}}',
    '{{#each ',
    '{{/each}}',
    '{{else}}',
    '(',
    ')',
    ' ',
    '"',
    "'",
    '=',
    '.',
    '../',
    '@root.',
    '@index',
    'this',
    'a',
    'b.c',
    'constructor',
    '__proto__',
    '~',
    '{{{',
    '}}}',
    '{{>',
    '{{!--',
    '--}}',
    '\\{{',
    ...helperCatalog.map((helper) => `${helper.name} `),
  ),
);
const templateLike = fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join(''));
const inlineNames = helperCatalog.filter((helper) => !helper.block).map((helper) => helper.name);
const path = fc.constantFrom(
  'a',
  'b',
  'b.c',
  'c.d.e',
  'this',
  '.',
  '../a',
  '@root.b',
  '@index',
  '@key',
  'x',
  'customer.name',
);
const literal = fc.oneof(
  fc.string({ maxLength: 6 }).map((text) => JSON.stringify(text)),
  fc.integer({ min: -5, max: 20 }).map(String),
  fc.constantFrom('true', 'false', 'null', 'undefined', "'YYYY-MM-DD'", "'long'", '"USD"'),
);
const { expression } = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    path,
    literal,
    fc
      .tuple(fc.constantFrom(...inlineNames), fc.array(tie('expression'), { maxLength: 3 }))
      .map(([name, args]) => `(${[name, ...args].join(' ')})`),
  ),
}));
/** Structured templates: mostly well-formed, so compile succeeds and rendering is exercised. */
const { body } = fc.letrec<{ body: string; node: string }>((tie) => ({
  body: fc.array(tie('node'), { maxLength: 5 }).map((nodes) => nodes.join('')),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('您好', ' ', '，', '\n', 'Dear '),
    path.map((p) => `{{${p}}}`),
    fc
      .tuple(fc.constantFrom(...inlineNames), fc.array(expression, { maxLength: 3 }), fc.boolean())
      .map(([name, args, hash]) => `{{${[name, ...args].join(' ')}${hash ? ' decimals=2' : ''}}}`),
    fc
      .tuple(fc.constantFrom('if', 'unless', 'each', 'with'), expression, tie('body'), fc.option(tie('body')))
      .map(([name, subject, inner, otherwise]) =>
        otherwise === null
          ? `{{#${name} ${subject}}}${inner}{{/${name}}}`
          : `{{#${name} ${subject}}}${inner}{{else}}${otherwise}{{/${name}}}`,
      ),
  ),
}));

const data = fc.dictionary(
  fc.constantFrom('a', 'b', 'c', 'customer', 'this', 'x'),
  fc.anything({ maxDepth: 3 }),
);

function expectResult(
  run: () => { ok: boolean; error?: { code: string; message: string } },
  codes: string[],
): void {
  const result = run();
  if (!result.ok) {
    expect(codes).toContain(result.error?.code);
    expect(result.error?.message.length).toBeGreaterThan(0);
  }
}

describe('hostile input', () => {
  it('compile and render never throw on arbitrary text and data', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string(), templateLike),
        data,
        (source, values) => {
          const compiled = compileTemplate(source);
          if (!compiled.ok) {
            expect(problemCodes).toContain(compiled.error.code);
            expect(compiled.error.line).toBeGreaterThanOrEqual(1);
            expect(compiled.error.column).toBeGreaterThanOrEqual(1);
            return;
          }
          expectResult(() => render(compiled.template, values, bounds), renderCodes);
          expectResult(() => render(compiled.template, values, { ...bounds, locale: 'en' }), renderCodes);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('structured templates compile or fail with a located problem, and render never throws', () => {
    let rendered = 0;
    fc.assert(
      fc.property(body, data, (source, values) => {
        const compiled = compileTemplate(source);
        if (!compiled.ok) {
          expect(problemCodes).toContain(compiled.error.code);
          return;
        }
        expectResult(() => {
          const result = render(compiled.template, values, bounds);
          rendered += 1;
          return result;
        }, renderCodes);
      }),
      { numRuns: 2000 },
    );
    // The generator must reach rendering often, or this property proves little.
    expect(rendered).toBeGreaterThan(500);
  });

  it('validateTemplate never throws and agrees with compileTemplate', () => {
    fc.assert(
      fc.property(templateLike, (source) => {
        const validation = validateTemplate(source);
        expect(validation.ok).toBe(compileTemplate(source).ok);
        for (const problem of validation.problems) expect(problemCodes).toContain(problem.code);
      }),
      { numRuns: 800 },
    );
  });

  it('every helper survives arbitrary values', () => {
    const calls = helperCatalog
      .filter((helper) => !helper.block)
      .flatMap((helper) => [`{{${helper.name} a}}`, `{{${helper.name} a b}}`, `{{${helper.name} a b c}}`])
      .map((source) => compileTemplate(source))
      .flatMap((result) => (result.ok ? [result.template] : []));
    expect(calls.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(
        fc.constantFrom(...calls),
        fc.anything({
          maxDepth: 2,
          withDate: true,
          withBigInt: true,
          withNullPrototype: true,
          withMap: true,
        }),
        fc.anything({ maxDepth: 1, withDate: true }),
        fc.anything({ maxDepth: 1 }),
        (template, a, b, c) => {
          expectResult(() => render(template, { a, b, c }, bounds), renderCodes);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('previews never throw for arbitrary customers', () => {
    const source =
      '{{default customer.name "客户"}} {{currency (default attributes.balance 0)}} {{#each tags}}{{this}}{{/each}}';
    fc.assert(
      fc.property(
        fc.record({
          id: fc.string(),
          name: fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
          attributes: fc.dictionary(fc.string(), fc.anything({ maxDepth: 2 })),
          tags: fc.array(fc.string({ unit: 'binary' }), { maxLength: 5 }),
        }),
        (customer) => {
          expectResult(() => previewTemplate(source, customer, bounds), renderCodes);
        },
      ),
      { numRuns: 500 },
    );
  });
});
