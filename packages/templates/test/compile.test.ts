import { describe, expect, it } from 'vitest';
import {
  compileTemplate,
  createTemplateEngine,
  defaultKnownVariables,
  formatForChannel,
  render,
  type TemplateProblem,
  validateTemplate,
} from '../src/index.ts';

function compileError(source: string, options = {}): TemplateProblem {
  const result = compileTemplate(source, options);
  if (result.ok) throw new Error(`Expected ${JSON.stringify(source)} not to compile`);
  return result.error;
}

describe('syntax errors', () => {
  it('locates an unclosed tag on a later line (1-based line and column)', () => {
    const source = '尊敬的客户：\n您的余额为{{currency attributes.balance}}。\n详情请致电 {{customer.phone';
    const error = compileError(source);
    // "详情请致电 " is 6 code units, so the unclosed "{{" starts in column 7.
    expect(error).toMatchObject({ code: 'template.syntax', line: 3, column: 7 });
    expect(error.message).toBe('This {{ is never closed: end the tag with }}.');
  });

  it('points at the block a wrong closing tag belongs to', () => {
    const source = 'Hello\n  {{#if attributes.loan}}\n  loan\n{{/each}}';
    const error = compileError(source);
    // Column 6 is the "if" of "  {{#if".
    expect(error).toMatchObject({ code: 'template.syntax', line: 2, column: 6 });
    expect(error.message).toBe('{{#if}} is closed by {{/each}}: every {{#if}} needs its own {{/if}}.');
  });

  it('says when the script ends inside an open block', () => {
    const error = compileError('{{#if attributes.loan}}\nloan');
    expect(error.code).toBe('template.syntax');
    expect(error.line).toBe(2);
    expect(error.message).toContain('every {{#…}} needs its {{/…}}');
  });

  it('reports a stray character inside a tag at its column', () => {
    const error = compileError('a\nbc {{currency x=}}');
    // Column 17 is the "}}" that came where the value of x= should be.
    expect(error).toMatchObject({ code: 'template.syntax', line: 2, column: 17 });
    expect(error.message).toBe('Unexpected }} inside {{ … }}: a variable or helper name should come first.');
  });

  it('rejects decorators, partial blocks and inline partials', () => {
    expect(compileError('{{* log}}').code).toBe('template.syntax');
    expect(compileError('{{#*inline "x"}}y{{/inline}}').code).toBe('template.syntax');
    expect(compileError('{{#> layout}}x{{/layout}}').code).toBe('template.syntax');
  });

  it('rejects sources that are not text or are too long', () => {
    expect(compileError(42 as unknown as string).code).toBe('template.syntax');
    const engine = createTemplateEngine({ maxSourceChars: 10 });
    const result = engine.compile('a'.repeat(11));
    expect(result.ok ? undefined : result.error.code).toBe('template.too-long');
  });

  it('rejects more than 1,000 tags, which Handlebars would take long to compile', () => {
    expect(compileTemplate('{{a}}'.repeat(1000)).ok).toBe(true);
    const error = compileError(`{{!-- {{not counted}} --}}${'{{a}}\n'.repeat(1001)}`);
    expect(error).toMatchObject({ code: 'template.too-long', line: 1001, column: 1 });
    expect(error.message).toContain('1,000');
  });

  it('rejects nesting deeper than the limit instead of overflowing the stack', () => {
    const deep = `${'{{#if a}}'.repeat(45)}x${'{{/if}}'.repeat(45)}`;
    expect(compileError(deep)).toMatchObject({ code: 'template.too-long', line: 1 });
    const started = performance.now();
    const veryDeep = `${'{{#if a}}\n'.repeat(5000)}x${'{{/if}}'.repeat(5000)}`;
    expect(compileError(veryDeep)).toMatchObject({ code: 'template.too-long', line: 61, column: 1 });
    const elseChain = `{{#if a}}${'{{else if b}}x'.repeat(5000)}{{/if}}`;
    expect(compileError(elseChain).code).toBe('template.too-long');
    const parens = `{{not ${'(not '.repeat(5000)}x${')'.repeat(5000)}}}`;
    expect(compileError(parens).code).toBe('template.too-long');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('helpers at compile time', () => {
  it('rejects unknown helpers, suggesting the closest one', () => {
    const error = compileError('您好 {{maskphone customer.phone}}');
    expect(error).toMatchObject({ code: 'template.unknown-helper', line: 1, column: 4 });
    expect(error.message).toContain('Did you mean {{maskPhone}}?');
  });

  it('rejects the Handlebars helpers we switched off', () => {
    expect(compileError('{{lookup customer "name"}}').code).toBe('template.unknown-helper');
    expect(compileError('{{log customer}}').code).toBe('template.unknown-helper');
  });

  it('rejects blocks on variables and helpers used the wrong way', () => {
    expect(compileError('{{#customer}}{{name}}{{/customer}}').message).toContain('is not a block helper');
    expect(compileError('{{#upper x}}y{{/upper}}').message).toContain('cannot be used as a block');
    expect(compileError('{{if x}}').message).toContain('works as a block');
    expect(compileError('{{customer.upper x}}').code).toBe('template.unknown-helper');
  });

  it('checks the number of values and the options', () => {
    const missing = compileError('{{currency}}');
    expect(missing.code).toBe('template.helper-arguments');
    expect(missing.message).toContain('{{currency attributes.balance}}');
    expect(compileError('{{truncate x}}').code).toBe('template.helper-arguments');
    expect(compileError('{{#if a b}}x{{/if}}').code).toBe('template.helper-arguments');
    const option = compileError('{{currency x colour="red"}}');
    expect(option).toMatchObject({ code: 'template.helper-arguments' });
    expect(option.message).toContain('colour=');
  });
});

describe('validateTemplate', () => {
  it('lists the root variables in order of first use, following #each and #with', () => {
    const source = [
      '{{customer.name}}，{{currency attributes.balance}}',
      '{{#each event.transactions as |t i|}}{{t.amount}}{{@index}}{{../customer.id}}{{/each}}',
      '{{#with journey}}{{name}}{{/with}}{{#each tags}}{{this}}{{/each}}{{customer.name}}',
    ].join('\n');
    const result = validateTemplate(source);
    expect(result.ok).toBe(true);
    expect(result.variables).toEqual([
      'customer.name',
      'attributes.balance',
      'event.transactions',
      'event.transactions[].amount',
      'customer.id',
      'journey',
      'journey.name',
      'tags',
      'tags[]',
    ]);
    expect(result.helpers).toEqual(['currency', 'each', 'with']);
  });

  it('flags variables outside the known fields', () => {
    const known = ['customer.name', 'attributes.balance', 'attributes.age', 'event.*'];
    const result = validateTemplate('{{customer.name}}\n{{attributes.salary}} {{event.amount}}', {
      knownVariables: known,
    });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'template.unknown-variable', line: 2, column: 3 }),
    ]);
    expect(result.problems[0]?.message).toContain('{{attributes.salary}}');
  });

  it('accepts the default customer namespace', () => {
    const source =
      '{{customer.name}}{{attributes.anything}}{{#each tags}}{{this}}{{/each}}{{event.x.y}}{{date now}}';
    expect(validateTemplate(source, { knownVariables: defaultKnownVariables }).problems).toEqual([]);
    expect(validateTemplate('{{customer.email}}', { knownVariables: defaultKnownVariables }).ok).toBe(false);
  });

  it('reports every problem, sorted by position, without stopping at the first', () => {
    const result = validateTemplate('{{foo x}}\n{{currency}}\n{{@index}}');
    expect(result.problems.map((problem) => [problem.code, problem.line])).toEqual([
      ['template.unknown-helper', 1],
      ['template.helper-arguments', 2],
      ['template.unknown-variable', 3],
    ]);
  });
});

describe('escaping per channel', () => {
  const data = { customer: { name: '<b>Tom & "Jerry"</b>' } };

  it('leaves SMS / WeCom text unescaped and escapes e-mail HTML', () => {
    expect(formatForChannel('sms')).toBe('text');
    expect(formatForChannel('email')).toBe('html');
    const sms = compileTemplate('Hi {{customer.name}}', { channel: 'sms' });
    const email = compileTemplate('<p>Hi {{customer.name}}</p>', { channel: 'email' });
    if (!sms.ok || !email.ok) throw new Error('should compile');
    expect(render(sms.template, data)).toEqual({ ok: true, text: 'Hi <b>Tom & "Jerry"</b>' });
    expect(render(email.template, data)).toEqual({
      ok: true,
      text: '<p>Hi &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</p>',
    });
  });

  it('refuses raw-HTML output in e-mails', () => {
    expect(compileError('{{{customer.name}}}', { format: 'html' }).code).toBe('template.unsafe-html');
    expect(compileError('{{& customer.name}}', { format: 'html' }).code).toBe('template.unsafe-html');
    expect(compileTemplate('{{{customer.name}}}', { format: 'text' }).ok).toBe(true);
  });
});

describe('partials', () => {
  it('are off unless the engine registers them', () => {
    expect(compileError('{{> signature}}').code).toBe('template.unknown-partial');
    expect(compileError('{{> (lookup . "x")}}').code).toBe('template.syntax');
  });

  it('render in the including context when registered', () => {
    const engine = createTemplateEngine({ partials: { signature: '【{{journey.bank}}】退订回T' } });
    const compiled = engine.compile('{{customer.name}}您好。{{> signature}}');
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.error));
    expect(compiled.template.variables).toEqual(['customer.name', 'journey.bank']);
    const result = render(compiled.template, { customer: { name: '李四' }, journey: { bank: '招商银行' } });
    expect(result).toEqual({ ok: true, text: '李四您好。【招商银行】退订回T' });
  });

  it('must themselves be valid', () => {
    expect(() => createTemplateEngine({ partials: { bad: '{{nope x}}' } })).toThrow(/bad/);
    expect(() => createTemplateEngine({ partials: { loop: '{{> loop}}' } })).toThrow(/includes itself/);
  });
});

describe('compile cache', () => {
  it('compiles a source once however often the send path asks for it', () => {
    const engine = createTemplateEngine();
    const source = '{{customer.name}}，您的余额为{{currency attributes.balance}}';
    const first = engine.compile(source);
    for (let i = 0; i < 1000; i++) {
      const again = engine.compile(source);
      if (!again.ok) throw new Error('should compile');
      expect(render(again.template, { customer: { name: '王五' }, attributes: { balance: i } }).ok).toBe(
        true,
      );
    }
    expect(engine.stats()).toMatchObject({ compiles: 1, hits: 1000, misses: 1, size: 1 });
    expect(first.ok && engine.compile(source).ok && first.template).toBe(
      (engine.compile(source) as { template: unknown }).template,
    );
  });

  it('keys by format as well as source', () => {
    const engine = createTemplateEngine();
    engine.compile('{{x}}', { format: 'text' });
    engine.compile('{{x}}', { format: 'html' });
    expect(engine.stats().compiles).toBe(2);
  });

  it('forgets the least recently used template when full', () => {
    const engine = createTemplateEngine({ cacheSize: 2 });
    engine.compile('a');
    engine.compile('b');
    engine.compile('a');
    engine.compile('c');
    expect(engine.stats()).toMatchObject({ size: 2, compiles: 3 });
    engine.compile('a');
    expect(engine.stats().compiles).toBe(3);
    engine.compile('b');
    expect(engine.stats().compiles).toBe(4);
  });
});
