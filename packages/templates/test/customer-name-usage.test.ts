import { describe, expect, it } from 'vitest';
import { compileTemplate, createTemplateEngine, render } from '../src/index.ts';

function usesName(source: string): boolean {
  const compiled = compileTemplate(source);
  if (!compiled.ok)
    throw new Error(`Expected ${JSON.stringify(source)} to compile: ${compiled.error.message}`);
  return compiled.template.usesCustomerName;
}

// The send path decrypts the customer's name only for scripts that may show it, so every way a
// script can reach `customer.name` must count, including ways the analysis cannot follow.
describe('usesCustomerName', () => {
  it.each([
    '{{customer.name}}您好',
    '{{maskName customer.name}}',
    '{{default customer.name "客户"}}',
    '{{#if customer.name}}有名字{{/if}}',
    '{{#with customer}}{{name}}{{/with}}',
    '{{#with customer as |who|}}{{who.name}}{{/with}}',
    '{{#each customer}}{{this}}{{/each}}',
    '{{#each attributes.accounts}}{{@root.customer.name}}{{/each}}',
    '{{#each attributes.accounts}}{{../customer.name}}{{/each}}',
    '{{#with this}}{{customer.name}}{{/with}}',
    '{{#with @root}}{{customer.name}}{{/with}}',
    '{{#with (default customer attributes)}}{{name}}{{/with}}',
    // The analysis cannot name what a helper returns: assume anything.
    '{{#with (default attributes.profile event)}}{{this}}{{/with}}',
  ])('%s may read the name', (source) => {
    expect(usesName(source)).toBe(true);
  });

  it.each([
    '年末理财专享 3.1%。',
    '{{customer.id}}',
    '{{customer.phone}} {{customer.nameplate}}',
    '{{currency attributes.balance}} {{date now "YYYY-MM-DD"}}',
    '{{event.customer.name}} {{journey.name}}',
    '{{#if attributes.vip}}{{customer.id}}{{else}}x{{/if}}',
    '{{#each attributes.accounts as |account i|}}{{i}}:{{account.amount}}{{/each}}',
    '{{#each attributes.accounts}}{{@index}}{{@key}}{{amount}}{{/each}}',
  ])('%s never reads the name', (source) => {
    expect(usesName(source)).toBe(false);
  });

  it('counts what the engine’s partials read', () => {
    const engine = createTemplateEngine({
      partials: { greeting: '{{customer.name}}您好', footer: '退订回 T' },
    });
    const withGreeting = engine.compile('{{> greeting}}，年末理财');
    const withFooter = engine.compile('年末理财 {{> footer}}');
    expect(withGreeting.ok && withGreeting.template.usesCustomerName).toBe(true);
    expect(withFooter.ok && withFooter.template.usesCustomerName).toBe(false);
  });

  it('is right: a script said not to read the name renders the same without it', () => {
    const source = '{{customer.id}}：{{currency attributes.balance}}';
    const compiled = compileTemplate(source);
    if (!compiled.ok) throw new Error('should compile');
    expect(compiled.template.usesCustomerName).toBe(false);
    const data = { customer: { id: 'C1' }, attributes: { balance: 5 } };
    const named = { ...data, customer: { id: 'C1', name: '张三' } };
    expect(render(compiled.template, data)).toEqual(render(compiled.template, named));
  });
});
