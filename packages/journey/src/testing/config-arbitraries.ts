import fc from 'fast-check';
import { channels } from '../graph/fields.ts';
import type { ConfigOf, NodeType } from '../registry.ts';
import { arbitraryEventCondition, arbitraryProfileCondition } from './conditions.ts';

/** Events generated triggers listen to; goals use other events so they never equal a trigger. */
export const generatedTriggerEvents = ['large_deposit', 'salary_credit', 'deposit_maturity'] as const;
export const generatedGoalEvents = ['purchase', 'product_purchase', 'card_txn'] as const;

/** Placeholder ids generated configs reference; `contextFor` declares the ones a graph uses. */
export const generatedTemplateId = (channel: string, n: number) => `tpl-${channel}-${n}`;
export const generatedConnectorId = (channel: string) => `conn-${channel}`;

const duration = fc.oneof(
  fc.record({ amount: fc.integer({ min: 1, max: 10_000 }), unit: fc.constant('minutes' as const) }),
  fc.record({ amount: fc.integer({ min: 1, max: 1000 }), unit: fc.constant('hours' as const) }),
  fc.record({ amount: fc.integer({ min: 1, max: 365 }), unit: fc.constant('days' as const) }),
);

const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

const weekdays = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 });

/** A future moment (the generated validation context's `now` is 2026-06-01). */
const futureDate = fc
  .integer({ min: Date.UTC(2027, 0, 1) / 1000, max: Date.UTC(2035, 0, 1) / 1000 })
  .map((seconds) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'));

/** `parts` non-negative integers adding up to `total`. */
function partition(parts: number, total: number): fc.Arbitrary<number[]> {
  return fc
    .array(fc.integer({ min: 0, max: total }), { minLength: parts - 1, maxLength: parts - 1 })
    .map((cuts) => {
      const sorted = [0, ...cuts.sort((a, b) => a - b), total];
      return sorted.slice(1).map((value, index) => value - (sorted[index] as number));
    });
}

const splitConfig: fc.Arbitrary<ConfigOf<'split.ab'>> = fc
  .record({
    ids: fc.shuffledSubarray(['A', 'B', 'C', 'D'], { minLength: 1 }),
    withControl: fc.boolean(),
    mode: fc.constantFrom('fixed' as const, 'auto-winner' as const, 'bandit' as const),
  })
  .chain(({ ids, withControl, mode }) =>
    partition(ids.length + (withControl ? 1 : 0), 100).map((weights) => ({
      variants: ids.map((id, index) => ({ id, label: `Variant ${id}`, weight: weights[index] as number })),
      ...(withControl ? { control: { weight: weights[ids.length] as number } } : {}),
      mode,
    })),
  );

const sendConfig: fc.Arbitrary<ConfigOf<'send'>> = fc.constantFrom(...channels).chain((channel) =>
  fc.record(
    {
      channel: fc.constant(channel),
      connectorId: fc.constant(generatedConnectorId(channel)),
      messageName: fc.constantFrom('理财到期提醒', 'Welcome', '用卡礼遇'),
      content: fc.oneof(
        fc.record({
          kind: fc.constant('template' as const),
          templateId: fc.integer({ min: 1, max: 3 }).map((n) => generatedTemplateId(channel, n)),
        }),
        fc.record({
          kind: fc.constant('inline' as const),
          body: fc.constantFrom('您好 {{customer.name}}', 'Hi there'),
        }),
      ),
    },
    { requiredKeys: ['channel', 'connectorId', 'content'] },
  ),
);

const tags = ['vip', 'reactivated', 'onboarded', 'contacted'] as const;
const updateConfig: fc.Arbitrary<ConfigOf<'update'>> = fc
  .record({
    setAttributes: fc.dictionary(
      fc.constantFrom('segment_score', 'last_offer', 'opted_in'),
      fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)),
      { maxKeys: 2 },
    ),
    tagged: fc.shuffledSubarray([...tags]),
    split: fc.nat(),
  })
  .map(({ setAttributes, tagged, split }) => {
    const cut = tagged.length === 0 ? 0 : split % (tagged.length + 1);
    const update = { setAttributes, addTags: tagged.slice(0, cut), removeTags: tagged.slice(cut) };
    // An update that changes nothing is a defect; keep generated ones meaningful.
    return Object.keys(setAttributes).length + tagged.length === 0 ? { ...update, addTags: ['vip'] } : update;
  });

/**
 * A schema-valid, rule-valid config arbitrary for every node type. Typed so that a node type
 * added to the registry without an arbitrary here is a compile error.
 */
export const configArbitraries = {
  'trigger.event': fc.record(
    { event: fc.constantFrom(...generatedTriggerEvents), condition: arbitraryEventCondition },
    { requiredKeys: ['event'] },
  ),
  'trigger.segment': fc.record({
    segmentId: fc.constantFrom('seg-1', 'seg-2'),
    schedule: fc.oneof(
      fc.record({ kind: fc.constant('once' as const) }),
      fc.record({ kind: fc.constant('daily' as const), time }),
      fc.record({ kind: fc.constant('weekly' as const), weekdays, time }),
    ),
  }),
  filter: fc.record({ condition: arbitraryProfileCondition }),
  'split.ab': splitConfig,
  send: sendConfig,
  'rm.task': fc.record({
    kind: fc.constantFrom('call' as const, 'visit' as const),
    slaHours: fc.integer({ min: 1, max: 720 }),
    script: fc.string({ maxLength: 40 }),
  }),
  update: updateConfig,
  webhook: fc.record(
    {
      url: fc
        .tuple(
          fc.constantFrom('api.example.com', 'hooks.partner.cn', 'crm.example.org'),
          fc.constantFrom('', 'hook', 'v1/points'),
        )
        .map(([host, path]) => `https://${host}/${path}`),
      method: fc.constantFrom('GET' as const, 'POST' as const, 'PUT' as const),
      bodyTemplate: fc.constant('{"customer":"{{customer.id}}"}'),
      timeoutSeconds: fc.integer({ min: 1, max: 30 }),
    },
    { requiredKeys: ['url', 'method'] },
  ),
  'wait.duration': fc
    .tuple(duration, fc.option(fc.boolean(), { nil: undefined }))
    .map(([wait, untilSendWindow]) => (untilSendWindow === undefined ? wait : { ...wait, untilSendWindow })),
  'wait.until': fc.oneof(
    fc.record({ kind: fc.constant('date' as const), at: futureDate }),
    fc.record(
      { kind: fc.constant('timeOfDay' as const), time, weekdays },
      { requiredKeys: ['kind', 'time'] },
    ),
    fc.record(
      {
        kind: fc.constant('attribute' as const),
        attribute: fc.constantFrom('birthday', 'deposit_maturity_date'),
        offsetDays: fc.integer({ min: -30, max: 30 }),
        time,
      },
      { requiredKeys: ['kind', 'attribute', 'offsetDays'] },
    ),
  ),
  'wait.event': fc.record(
    { event: fc.constantFrom(...generatedGoalEvents), condition: arbitraryEventCondition, timeout: duration },
    { requiredKeys: ['event', 'timeout'] },
  ),
  exit: fc.record({ reason: fc.constantFrom('', 'converted', 'not interested') }),
} satisfies { [K in NodeType]: fc.Arbitrary<ConfigOf<K>> };
