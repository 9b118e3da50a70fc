import {
  bindStarter,
  starterConnectorRef,
  starterJourneys,
  starterTemplates,
  validate,
} from '@waymark/journey';
import { describe, expect, it } from 'vitest';
import { starterBindings } from './starter-bindings.ts';

describe('binding starters to what the bank has', () => {
  it('matches templates by name and channel, connectors by channel, and leaves the rest unbound', () => {
    const sms = starterTemplates.find((template) => template.channel === 'sms');
    if (!sms) throw new Error('the starters ship an SMS template');
    const bindings = starterBindings({
      templates: [
        { id: 't-1', name: sms.name['zh-CN'], channel: 'sms' },
        { id: 't-2', name: sms.name.en, channel: 'wecom' },
      ],
      connectors: [
        { id: 'c-off', name: 'Old', channel: 'sms', enabled: false },
        { id: 'c-sms', name: 'SMS', channel: 'sms' },
      ],
      segments: [],
    });
    expect(bindings[sms.ref]).toBe('t-1');
    expect(bindings[starterConnectorRef('sms')]).toBe('c-sms');
    expect(bindings[starterConnectorRef('wecom')]).toBeUndefined();
  });

  it('turns a starter into a valid journey once every reference exists', () => {
    const starter = starterJourneys[0];
    if (!starter) throw new Error('no starters');
    const templates = starterTemplates.map((template, i) => ({
      id: `tpl-${i}`,
      name: template.name.en,
      channel: template.channel,
    }));
    const connectors = ['sms', 'wecom', 'push', 'email', 'rm'].map((channel) => ({
      id: `con-${channel}`,
      name: channel,
      channel,
    }));
    const bindings = starterBindings({ templates, connectors, segments: [] });
    const graph = bindStarter(starter.graph, bindings);
    const problems = validate(graph, {
      templates: Object.fromEntries(templates.map((t) => [t.id, { channel: t.channel as 'sms' }])),
      connectors: Object.fromEntries(connectors.map((c) => [c.id, { channel: c.channel as 'sms' }])),
      segments: [],
    });
    expect(problems.map((p) => p.code)).toEqual([]);
  });
});
