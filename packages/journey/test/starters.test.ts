import { describe, expect, it } from 'vitest';
import {
  bindStarter,
  type JourneyGraph,
  starterConnectorChannels,
  starterConnectorRef,
  starterJourneys,
  starterPlaceholders,
  starterSegments,
  starterTemplates,
  summarizeNode,
  type ValidationContext,
  validate,
} from '../src/index.ts';

/** What a fresh install has once the seed created one record per placeholder. */
const seededContext: ValidationContext = {
  templates: Object.fromEntries(
    starterTemplates.map((template) => [template.ref, { channel: template.channel }]),
  ),
  connectors: Object.fromEntries(
    starterConnectorChannels.map((channel) => [starterConnectorRef(channel), { channel }]),
  ),
  segments: starterSegments.map((segment) => segment.ref),
};

function referencedIds(graph: JourneyGraph): string[] {
  return JSON.stringify(graph.nodes).match(/starter:[a-z]+:[a-z-]+/g) ?? [];
}

describe('starter journeys', () => {
  it('are three, with names in both languages', () => {
    expect(starterJourneys.map((starter) => starter.id)).toEqual([
      'large-deposit-wealth-offer',
      'dormant-card-reactivation',
      'new-customer-onboarding',
    ]);
    for (const starter of starterJourneys) expect(starter.name['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });

  for (const starter of starterJourneys) {
    it(`${starter.id} is valid once its placeholders exist`, () => {
      expect(validate(starter.graph, seededContext)).toEqual([]);
    });

    it(`${starter.id} only references declared placeholders`, () => {
      const declared = starterPlaceholders();
      for (const id of referencedIds(starter.graph)) expect(declared).toContain(id);
    });

    it(`${starter.id} names what is missing on an empty install`, () => {
      const problems = validate(starter.graph, { templates: {}, connectors: {}, segments: [] });
      expect(problems.length).toBeGreaterThan(0);
      expect(new Set(problems.map((problem) => problem.code))).toEqual(
        new Set(problems.map((problem) => problem.code).filter((code) => code.startsWith('ref.'))),
      );
    });
  }

  it('large deposit follows the MOT path: trigger ≥ 50000 → filter → A/B → SMS/WeCom → wait for purchase → RM → exit', () => {
    const { graph } = starterJourneys[0]!;
    expect(graph.nodes.map((node) => node.type)).toEqual([
      'trigger.event',
      'filter',
      'split.ab',
      'send',
      'send',
      'wait.event',
      'rm.task',
      'exit',
      'exit',
      'exit',
    ]);
    expect(summarizeNode(graph.nodes[0]!, 'en')).toBe('When large_deposit happens (event amount ≥ 50,000)');
    expect(graph.edges).toContainEqual(
      expect.objectContaining({ source: 'purchase', sourceHandle: 'timeout', target: 'rm-follow-up' }),
    );
  });

  it('bindStarter swaps placeholders for real ids and leaves the starter untouched', () => {
    const [starter] = starterJourneys;
    const bindings = Object.fromEntries(starterPlaceholders().map((ref, index) => [ref, `real-${index}`]));
    const bound = bindStarter(starter!.graph, bindings);
    expect(referencedIds(bound)).toEqual([]);
    expect(referencedIds(starter!.graph).length).toBeGreaterThan(0);
    const realContext: ValidationContext = {
      templates: Object.fromEntries(starterTemplates.map((t) => [bindings[t.ref]!, { channel: t.channel }])),
      connectors: Object.fromEntries(
        starterConnectorChannels.map((channel) => [bindings[starterConnectorRef(channel)]!, { channel }]),
      ),
      segments: starterSegments.map((segment) => bindings[segment.ref]!),
    };
    expect(validate(bound, realContext)).toEqual([]);
  });

  it('an unbound placeholder is reported as a missing template on its send node', () => {
    const [starter] = starterJourneys;
    const bound = bindStarter(starter!.graph, {});
    const problems = validate(bound, { ...seededContext, templates: {} });
    expect(
      problems.filter((problem) => problem.code === 'ref.template-missing').map((problem) => problem.nodeId),
    ).toEqual(['offer-sms', 'offer-wecom']);
  });
});
