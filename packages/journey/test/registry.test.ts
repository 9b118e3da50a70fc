import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type AnyNodeTypeDefinition,
  locales,
  nodeDefinition,
  nodeTypes,
  paletteGroups,
  settingsSchema,
  summarizeNode,
} from '../src/index.ts';
import { checkNodeTypeDefinitions } from '../src/node-types/registry-check.ts';

const nodesDir = new URL('../src/nodes/', import.meta.url);

function definitionLike(overrides: Partial<AnyNodeTypeDefinition> = {}): AnyNodeTypeDefinition {
  return {
    type: 'test.thing',
    category: 'action',
    icon: 'box',
    label: { en: 'Thing', 'zh-CN': '东西' },
    description: { en: 'Does a thing.', 'zh-CN': '做一件事。' },
    configSchema: z.object({ n: z.number() }),
    ports: [{ id: 'out', label: { en: 'Next', 'zh-CN': '下一步' }, required: false }],
    pauses: false,
    summary: (config: { n: number }) => `n = ${config.n}`,
    defaults: () => ({ n: 1 }),
    ...overrides,
  };
}

describe('node-type registry', () => {
  it('ships the node types of the design, one folder each', () => {
    const types = nodeTypes.map((definition) => definition.type).sort();
    expect(types).toEqual([
      'exit',
      'filter',
      'rm.task',
      'send',
      'split.ab',
      'trigger.event',
      'trigger.segment',
      'update',
      'wait.duration',
      'wait.event',
      'wait.until',
      'webhook',
    ]);
    const folders = readdirSync(nodesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(folders.map((folder) => folder.name).sort()).toEqual(types);
    for (const folder of folders)
      expect(readdirSync(new URL(`${folder.name}/`, nodesDir))).toContain('definition.ts');
  });

  it('finds definitions by type and nothing for unknown types', () => {
    expect(nodeDefinition('wait.event')?.category).toBe('wait');
    expect(nodeDefinition('wait.forever')).toBeUndefined();
    expect(nodeDefinition('__proto__')).toBeUndefined();
  });

  it('accepts a well-formed definition', () => {
    expect(checkNodeTypeDefinitions([definitionLike()]).get('test.thing')?.icon).toBe('box');
  });

  it('rejects a duplicate type id', () => {
    expect(() => checkNodeTypeDefinitions([definitionLike(), definitionLike()])).toThrow(/registered twice/);
  });

  it('rejects a label without a Chinese text', () => {
    const broken = definitionLike({ label: { en: 'Thing', 'zh-CN': '' } });
    expect(() => checkNodeTypeDefinitions([broken])).toThrow(/label lacks zh-CN/);
  });

  it('rejects a problem code another type or the core already declares', () => {
    const problems = { 'node.unreachable': { en: 'x', 'zh-CN': 'x' } };
    expect(() => checkNodeTypeDefinitions([definitionLike({ problems })])).toThrow(
      /already declared by core/,
    );
  });

  it('rejects a translation that drops a placeholder', () => {
    const problems = { 'thing.broken': { en: '{node} broke {count} times', 'zh-CN': '{node}坏了' } };
    expect(() => checkNodeTypeDefinitions([definitionLike({ problems })])).toThrow(/other placeholders/);
  });

  it('rejects a definition whose summary throws on its own defaults', () => {
    const summary = () => {
      throw new Error('boom');
    };
    expect(() => checkNodeTypeDefinitions([definitionLike({ summary })])).toThrow(/summary\(\) throws/);
  });

  it('rejects duplicate port ids and a trigger without ports', () => {
    const port = { id: 'out', label: { en: 'Next', 'zh-CN': '下一步' }, required: true };
    expect(() => checkNodeTypeDefinitions([definitionLike({ ports: [port, port] })])).toThrow(
      /duplicate port ids/,
    );
    expect(() => checkNodeTypeDefinitions([definitionLike({ category: 'trigger', ports: [] })])).toThrow(
      /needs a port/,
    );
  });

  it('groups the palette by category in order, with every type once', () => {
    const groups = paletteGroups();
    expect(groups.map((group) => group.category)).toEqual(['trigger', 'logic', 'action', 'wait']);
    expect(groups.flatMap((group) => group.types.map((type) => type.type)).sort()).toEqual(
      nodeTypes.map((definition) => definition.type).sort(),
    );
    expect(groups[3]!.types.map((type) => type.type)).toEqual(['wait.duration', 'wait.until', 'wait.event']);
    expect(groups[0]!.label['zh-CN']).toBe('触发');
  });

  it('gives every type a face on the canvas for a freshly dropped node, in both locales', () => {
    for (const definition of nodeTypes) {
      for (const locale of locales) {
        const text = summarizeNode({ type: definition.type, config: definition.defaults() }, locale);
        expect(text.length, definition.type).toBeGreaterThan(0);
      }
    }
    expect(summarizeNode({ type: 'send', config: nodeDefinition('send')!.defaults() }, 'zh-CN')).toBe(
      '尚未设置',
    );
    expect(summarizeNode({ type: 'wait.duration', config: { amount: 'soon' } }, 'en')).toBe('Not set up yet');
  });
});

describe('settings defaults', () => {
  it('enter once, no exit on goal, Shanghai time', () => {
    expect(settingsSchema.parse({})).toEqual({
      reEntry: { policy: 'once' },
      exitOnGoal: false,
      timeZone: 'Asia/Shanghai',
    });
  });
});
