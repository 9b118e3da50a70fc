import Handlebars from 'handlebars';
import { afterEach, describe, expect, it } from 'vitest';
import { compileOptionsFor, createHandlebarsEnv, runtimeOptions } from '../src/handlebars-env.ts';
import { compileTemplate, render, validateTemplate } from '../src/index.ts';

const globals = globalThis as { pwned?: boolean };
afterEach(() => {
  delete globals.pwned;
});

// Payloads that reach Function through prototypes in unprotected Handlebars (published RCE
// chains), plus simpler probes. Each sets globalThis.pwned if it ever runs code.
const attacks = [
  '{{constructor.constructor}}',
  '{{__proto__}}',
  '{{customer.__proto__.polluted}}',
  '{{customer.constructor.name}}',
  '{{prototype}}',
  '{{this.constructor.constructor "globalThis.pwned = true"}}',
  '{{lookup this "constructor"}}',
  '{{#with (lookup customer "constructor")}}{{lookup this "constructor"}}{{/with}}',
  '{{#with "s" as |string|}}{{#with "e"}}{{#with split as |conslist|}}{{this.pop}}' +
    '{{this.push (lookup string.sub "constructor")}}{{this.pop}}{{#with string.split as |codelist|}}' +
    '{{this.pop}}{{this.push "globalThis.pwned = true"}}{{this.pop}}{{#each conslist}}' +
    '{{#with (string.sub.apply 0 codelist)}}{{this}}{{/with}}{{/each}}{{/with}}{{/with}}{{/with}}{{/with}}',
  '{{#each customer}}{{@key.constructor}}{{/each}}',
  '{{customer.[constructor]}}',
  '{{customer.toString}}',
  '{{valueOf}}',
  '{{#with customer as |constructor|}}x{{/with}}',
];

const data = { customer: { name: '张三' }, attributes: { balance: 1 } };

describe('prototype access', () => {
  it.each(attacks)('%s is refused at compile time and never runs code', (source) => {
    const compiled = compileTemplate(source);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) {
      expect([
        'template.forbidden-property',
        'template.unknown-helper',
        'template.unknown-variable',
      ]).toContain(compiled.error.code);
    }
    expect(validateTemplate(source).ok).toBe(false);
    expect(globals.pwned).toBeUndefined();
  });

  it('drops prototype-named keys from data so they cannot pollute or be printed', () => {
    const payload = JSON.parse(
      '{"customer": {"name": "张三", "__proto__": {"polluted": "yes"}, "constructor": "x"}}',
    );
    const compiled = compileTemplate('{{customer.name}}');
    if (!compiled.ok) throw new Error('should compile');
    expect(render(compiled.template, payload)).toEqual({ ok: true, text: '张三' });
    expect(({} as { polluted?: string }).polluted).toBeUndefined();
  });

  // Defence in depth: even when our compile-time checks are bypassed and the instance is driven
  // directly, Handlebars' runtime with our options denies prototype members.
  describe('runtime of our Handlebars instance, without our compile-time checks', () => {
    const hb = createHandlebarsEnv();
    const run = (source: string, context: unknown) =>
      hb.compile(source, { ...compileOptionsFor('text'), strict: false })(context, { ...runtimeOptions });

    it.each([
      '{{constructor.constructor}}',
      '{{__proto__}}',
      '{{customer.constructor}}',
      '{{customer.toString}}',
      '{{#with customer.constructor}}{{constructor}}{{/with}}',
      '{{#each customer}}{{this.constructor.constructor}}{{/each}}',
    ])('%s renders nothing', (source) => {
      expect(run(source, data)).toBe('');
      expect(globals.pwned).toBeUndefined();
    });

    it('cannot call Function through an exposed function value', () => {
      const withFunction = { f: () => 'x' };
      expect(run('{{f.constructor}}', withFunction)).toBe('');
      expect(() => run('{{lookup this "constructor"}}', data)).toThrow(/unknown helper lookup/);
      expect(globals.pwned).toBeUndefined();
    });

    it('has no global helpers, decorators or partials beyond ours', () => {
      expect(Object.keys(hb.helpers)).not.toContain('lookup');
      expect(Object.keys(hb.helpers)).not.toContain('log');
      expect(Object.keys(hb.decorators)).toEqual([]);
      expect(Object.keys(hb.partials)).toEqual([]);
    });

    it('leaves the global Handlebars instance as it was', () => {
      expect(Object.keys(Handlebars.helpers)).toEqual(
        expect.arrayContaining(['lookup', 'log', 'each', 'if']),
      );
      expect(Object.keys(Handlebars.helpers)).not.toContain('currency');
    });
  });
});
