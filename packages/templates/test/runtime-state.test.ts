import { describe, expect, it } from 'vitest';
import { internalsOf } from '../src/compiled-template.ts';
import { createHandlebarsEnv, runtimeOptions } from '../src/handlebars-env.ts';
import { createTemplateEngine, render } from '../src/index.ts';
import { toRenderData } from '../src/render-data.ts';
import { captureRuntimeState } from '../src/runtime-state.ts';

const engine = createTemplateEngine({
  partials: { greeting: '{{customer.name}}您好', each: '{{#each tags}}[{{this}}]{{/each}}' },
});

const data = {
  customer: { id: 'C1', name: '张三' },
  attributes: {
    balance: 1234.5,
    loan: false,
    list: [1, 2],
    accounts: [
      { no: 'A', amount: 10 },
      { no: 'B', amount: 0 },
    ],
  },
  tags: ['vip', 'new'],
  event: {},
  journey: { id: 'j1' },
  now: new Date('2026-11-23T02:00:00Z'),
};

// Scripts that exercise what the runtime state carries: helpers, block helpers with their
// guarded bodies, partials, data frames (@index, @root), depths (../), block parameters, the
// prototype-access rules and strict-mode failures.
const scripts = [
  '{{customer.name}}，余额{{currency attributes.balance}}',
  '{{#if attributes.loan}}贷款{{else}}无贷款{{/if}}{{#unless attributes.loan}}!{{/unless}}',
  '{{#each attributes.accounts as |account i|}}{{i}}:{{account.no}}={{number account.amount 2}};{{/each}}',
  '{{#each attributes.accounts}}{{@index}}{{@first}}{{../customer.id}}{{@root.customer.name}}{{/each}}',
  '{{#with customer}}{{name}}/{{id}}{{/with}}',
  '{{> greeting}}，{{> each}}',
  '{{default attributes.missing "无"}} {{upper (default attributes.missing "x")}}',
  '{{attributes.list.map}}{{attributes.list.length}}{{#with attributes.list}}{{concat}}{{/with}}',
  '{{date now "YYYY-MM-DD"}}',
  '{{attributes.missing}}',
  '{{customer.name.length}}',
  '{{currency attributes.loan}}',
];

/** What an ordinary Handlebars call (state rebuilt on the call) renders. */
function ordinaryRender(source: string): unknown {
  const compiled = engine.compile(source);
  if (!compiled.ok) throw new Error(`${source}: ${compiled.error.message}`);
  const inner = internalsOf(compiled.template);
  if (inner === undefined) throw new Error('no internals');
  try {
    return { ok: true, text: inner.run(toRenderData(data), { ...runtimeOptions, partials: inner.partials }) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function preparedRender(source: string): unknown {
  const compiled = engine.compile(source);
  if (!compiled.ok) throw new Error(`${source}: ${compiled.error.message}`);
  const result = render(compiled.template, data, { timeZone: 'Asia/Shanghai' });
  return result.ok ? result : { ok: false, error: expect.any(String) };
}

describe('prepared runtime state', () => {
  it.each(scripts)('%s renders as an ordinary Handlebars call does', (source) => {
    expect(ordinaryRender(source)).toEqual(preparedRender(source));
  });

  it('is the state Handlebars builds for a render: our helpers, the missing-helper hooks, prototype rules', () => {
    const state = captureRuntimeState(createHandlebarsEnv()) as unknown as {
      helpers: Record<string, unknown>;
      hooks: Record<string, unknown>;
      protoAccessControl: { methods: { defaultValue: unknown }; properties: { defaultValue: unknown } };
    };
    expect(Object.keys(state.helpers)).toEqual(expect.arrayContaining(['currency', 'if', 'each', 'with']));
    expect(Object.keys(state.helpers)).not.toContain('lookup');
    expect(typeof state.hooks.helperMissing).toBe('function');
    expect(typeof state.hooks.blockHelperMissing).toBe('function');
    expect(state.protoAccessControl.methods.defaultValue).toBe(false);
    expect(state.protoAccessControl.properties.defaultValue).toBe(false);
    // Shared by every render, so frozen.
    expect(Object.isFrozen(state.helpers)).toBe(true);
  });
});
