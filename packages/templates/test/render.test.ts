import { describe, expect, it } from 'vitest';
import { compileTemplate, type RenderError, render } from '../src/index.ts';
import { fill, renderSource } from './fill.ts';

function failure(source: string, data: unknown, options = {}): RenderError {
  const result = renderSource(source, data, options);
  if (result.ok)
    throw new Error(`Expected ${JSON.stringify(source)} to fail, got ${JSON.stringify(result.text)}`);
  return result.error;
}

describe('strict variables', () => {
  it('reports a missing variable with its path and location instead of printing a blank', () => {
    const error = failure('尊敬的客户：\n您好 {{customer.nickname}}！', { customer: { name: '张三' } });
    expect(error).toEqual({
      code: 'template.missing-variable',
      message: expect.stringContaining('{{customer.nickname}} has no value'),
      line: 2,
      column: 6,
    });
    expect(error.message).toContain('{{default customer.nickname "…"}}');
  });

  it('reports a missing parent of a nested variable', () => {
    expect(failure('{{customer.address.city}}', { customer: {} }).code).toBe('template.missing-variable');
    const nested = failure('{{upper event.merchant.name}}', { event: {} });
    expect(nested.code).toBe('template.missing-variable');
    expect(nested.message).toContain('event.merchant');
  });

  it('reports a missing value given to a formatting helper, naming the variable', () => {
    const error = failure('余额 {{currency attributes.balance}}', { attributes: {} });
    expect(error).toMatchObject({ code: 'template.missing-variable', line: 1, column: 4 });
    expect(error.message).toContain('attributes.balance has no value');
  });

  it('treats a field that is present but empty as present', () => {
    expect(fill('[{{customer.name}}]', { customer: { name: '' } })).toBe('[]');
    expect(fill('{{#if attributes.vip}}VIP{{else}}-{{/if}}', { attributes: {} })).toBe('-');
  });
});

describe('blocks', () => {
  it('behave as the Handlebars documentation describes', () => {
    const data = { items: ['a', 'b', 'c'], group: { x: 1, y: 2 }, empty: [], who: { name: '李四' } };
    expect(
      fill('{{#each items}}{{@index}}{{this}}{{#if @first}}^{{/if}}{{#if @last}}.{{/if}} {{/each}}', data),
    ).toBe('0a^ 1b 2c. ');
    expect(fill('{{#each group}}{{@key}}={{this}};{{/each}}', data)).toBe('x=1;y=2;');
    expect(fill('{{#each empty}}x{{else}}无{{/each}}', data)).toBe('无');
    expect(fill('{{#each items as |item i|}}{{i}}:{{item}}{{/each}}', data)).toBe('0:a1:b2:c');
    expect(
      fill('{{#with who}}{{name}}{{/with}}{{#with missing}}x{{else}}none{{/with}}', {
        ...data,
        missing: null,
      }),
    ).toBe('李四none');
    expect(fill('{{#each items}}{{../who.name}}{{/each}}', data)).toBe('李四李四李四');
    expect(
      fill(
        '{{#unless empty}}空{{/unless}}{{#if 0}}x{{else}}zero{{/if}}{{#if 0 includeZero=true}}0{{/if}}',
        data,
      ),
    ).toBe('空zero0');
    expect(fill('{{#if a}}A{{else if b}}B{{else}}C{{/if}}', { a: false, b: true })).toBe('B');
  });
});

describe('output bound', () => {
  const big = Array.from({ length: 2000 }, (_, i) => ({ i }));

  it('stops a nested #each as soon as the output passes the limit, before building it', () => {
    const compiled = compileTemplate('{{#each big}}{{#each @root.big}}0123456789{{/each}}{{/each}}');
    if (!compiled.ok) throw new Error('should compile');
    const started = performance.now();
    const result = render(
      compiled.template,
      { big },
      { maxOutputChars: 50_000, maxIterations: Number.POSITIVE_INFINITY },
    );
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'template.too-long' }) });
    // 40 MB of output would have been built otherwise; stopping early takes milliseconds.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('accepts output exactly at the limit and rejects one character more', () => {
    const compiled = compileTemplate('{{#each items}}{{this}}{{/each}}!');
    if (!compiled.ok) throw new Error('should compile');
    const items = Array.from({ length: 99 }, () => 'x');
    expect(render(compiled.template, { items }, { maxOutputChars: 100 })).toEqual({
      ok: true,
      text: `${'x'.repeat(99)}!`,
    });
    expect(render(compiled.template, { items: [...items, 'x'] }, { maxOutputChars: 100 }).ok).toBe(false);
  });

  it('counts values outside loops too', () => {
    const error = failure('{{attributes.note}}', { attributes: { note: 'x'.repeat(20_000) } });
    expect(error.code).toBe('template.too-long');
    expect(
      fill('{{attributes.note}}', { attributes: { note: 'x'.repeat(20_000) } }, { maxOutputChars: 20_000 }),
    ).toHaveLength(20_000);
  });
});

describe('time and iteration bounds', () => {
  const big = Array.from({ length: 1000 }, (_, i) => ({ i }));
  const triple =
    '{{#each big}}{{#each @root.big}}{{#each @root.big}}{{#if i}}x{{/if}}{{/each}}{{/each}}{{/each}}';

  it('times out a billion-step template close to the deadline', () => {
    const compiled = compileTemplate(triple);
    if (!compiled.ok) throw new Error('should compile');
    const started = performance.now();
    const result = render(
      compiled.template,
      { big },
      { timeoutMs: 50, maxIterations: Number.POSITIVE_INFINITY, maxOutputChars: Number.POSITIVE_INFINITY },
    );
    const elapsed = performance.now() - started;
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'template.timeout' }) });
    expect(elapsed).toBeGreaterThanOrEqual(50);
    expect(elapsed).toBeLessThan(1000);
  });

  it('caps iterations independently of the clock', () => {
    const compiled = compileTemplate(triple);
    if (!compiled.ok) throw new Error('should compile');
    const result = render(compiled.template, { big }, { maxIterations: 5000, timeoutMs: 60_000 });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'template.too-long',
        message: expect.stringContaining('5,000 times'),
      }),
    });
  });

  it('renders ordinary loops within the defaults', () => {
    const items = Array.from({ length: 12 }, (_, month) => ({
      month: month + 1,
      amount: 1000 * (month + 1),
    }));
    const text = fill('{{#each items}}{{month}}月:{{currency amount}};{{/each}}', { items });
    expect(text.split(';')).toHaveLength(13);
    expect(text).toContain('12月:12,000.00元');
  });
});

describe('data and options', () => {
  it('never calls functions found in data', () => {
    let called = false;
    const data = {
      name: () => {
        called = true;
        return 'x';
      },
    };
    expect(failure('{{name}}', data).code).toBe('template.missing-variable');
    expect(called).toBe(false);
  });

  it('refuses data that is not a set of named values, cycles and throwing getters', () => {
    const compiled = compileTemplate('x');
    if (!compiled.ok) throw new Error('should compile');
    for (const data of [null, 'text', [1, 2], new Map()]) {
      expect(render(compiled.template, data)).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'template.render' }),
      });
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(render(compiled.template, cyclic).ok).toBe(false);
    const hostile = Object.defineProperty({}, 'x', {
      enumerable: true,
      get() {
        throw new TypeError('boom');
      },
    });
    expect(render(compiled.template, hostile)).toEqual({
      ok: false,
      error: { code: 'template.render', message: 'The data for this message could not be read.' },
    });
  });

  it('refuses bad options with a clear error instead of throwing', () => {
    const compiled = compileTemplate('x');
    if (!compiled.ok) throw new Error('should compile');
    expect(render(compiled.template, {}, { locale: 'fr' }).ok).toBe(false);
    expect(render(compiled.template, {}, { timeZone: 'Nowhere/City' }).ok).toBe(false);
    expect(render(compiled.template, {}, { maxOutputChars: -1 }).ok).toBe(false);
    expect(render({ source: 'x' } as never, {})).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'template.render' }),
    });
  });

  it('accepts regional locale tags', () => {
    expect(fill('{{currency x}}', { x: 5 }, { locale: 'zh-Hans-CN' })).toBe('5.00元');
    expect(fill('{{currency x}}', { x: 5 }, { locale: 'en-GB' })).toBe('¥5.00');
  });
});
