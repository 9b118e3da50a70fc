import { settingsSchema } from '@waymark/journey';
import {
  type ExecutionInput,
  executeNode,
  nextLocalTime,
  type StepResult,
  stableUnit,
} from '@waymark/journey/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const now = new Date('2026-11-23T02:00:00Z'); // 10:00 in Shanghai
const day = 86_400_000;

function input(config: unknown, over: Partial<ExecutionInput<unknown>> = {}): ExecutionInput<unknown> {
  return {
    node: { id: 'n1', config },
    customer: { id: 'C000001', attributes: { balance: 5000 }, tags: [], consent: {} },
    enrollment: { id: 1, journeyId: 'j', version: 1, entrySeq: 1, enteredAt: now, wakeAt: null, abPath: {} },
    triggerEvent: undefined,
    events: [],
    effect: undefined,
    settings: settingsSchema.parse({}),
    now,
    random: (salt) => stableUnit(`${salt}:C000001`),
    ...over,
  };
}

const run = (type: string, config: unknown, over: Partial<ExecutionInput<unknown>> = {}): StepResult =>
  executeNode(type, input(config, over));

describe('wait.duration', () => {
  const threeDays = { amount: 3, unit: 'days' };
  it('sets the wake-up on arrival and lets the customer through only once it has come', () => {
    const until = new Date(now.getTime() + 3 * day);
    expect(run('wait.duration', threeDays)).toEqual({ kind: 'wait', until });
    const parked = { enrollment: { ...input(null).enrollment, wakeAt: until } };
    expect(run('wait.duration', threeDays, { ...parked, now: new Date(until.getTime() - 1) })).toEqual({
      kind: 'wait',
      until,
    });
    expect(run('wait.duration', threeDays, { ...parked, now: until })).toEqual({
      kind: 'advance',
      port: 'out',
    });
  });
});

describe('wait.event', () => {
  const config = {
    event: 'wealth_purchase',
    condition: { type: 'property', field: 'amount', valueType: 'number', op: 'gte', value: 10000 },
    timeout: { amount: 7, unit: 'days' },
  };
  const deadline = new Date(now.getTime() + 7 * day);
  const parked = { ...input(null).enrollment, wakeAt: deadline };
  const event = (amount: number, at: Date) => ({
    name: 'wealth_purchase',
    properties: { amount },
    occurredAt: at,
  });

  it('waits with the timeout as deadline', () => {
    expect(run('wait.event', config)).toEqual({ kind: 'waitForEvent', event: 'wealth_purchase', deadline });
  });
  it('leaves through "matched" for a qualifying event inside the window, whenever it is looked at', () => {
    const events = [event(20000, new Date(now.getTime() + day))];
    for (const at of [new Date(now.getTime() + 2 * day), new Date(deadline.getTime() + day)]) {
      expect(run('wait.event', config, { enrollment: parked, events, now: at })).toEqual({
        kind: 'advance',
        port: 'matched',
      });
    }
  });
  it('leaves through "timeout" at the deadline when only small or late events came', () => {
    const events = [
      event(500, new Date(now.getTime() + day)),
      event(20000, new Date(deadline.getTime() + 1)),
    ];
    expect(run('wait.event', config, { enrollment: parked, events, now: deadline })).toEqual({
      kind: 'advance',
      port: 'timeout',
    });
    expect(
      run('wait.event', config, { enrollment: parked, events, now: new Date(now.getTime() + day) }),
    ).toEqual({
      kind: 'waitForEvent',
      event: 'wealth_purchase',
      deadline,
    });
  });
});

describe('split.ab', () => {
  const config = {
    variants: [
      { id: 'A', label: 'A', weight: 45 },
      { id: 'B', label: 'B', weight: 45 },
    ],
    control: { weight: 10 },
    mode: 'fixed',
  };
  const draw = (customerId: string) =>
    run('split.ab', config, {
      customer: { id: customerId, attributes: {}, tags: [], consent: {} },
      random: (salt) => stableUnit(`${salt}:${customerId}`),
    });

  it('always gives a customer the same branch', () => {
    fc.assert(
      fc.property(fc.string(), (id) => {
        const first = draw(id);
        const retried = draw(id);
        return JSON.stringify(first) === JSON.stringify(retried);
      }),
    );
  });
  it('divides 20,000 customers by the weights, control group included', () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 20_000; i++) {
      const result = draw(`C${i}`);
      if (result.kind === 'advance') counts[result.port] = (counts[result.port] ?? 0) + 1;
    }
    expect(counts.A! / 20_000).toBeCloseTo(0.45, 1);
    expect(counts.B! / 20_000).toBeCloseTo(0.45, 1);
    expect(Math.abs(counts.control! / 20_000 - 0.1)).toBeLessThan(0.01);
  });
  it('sends everyone (but the control group) to a clear winner in auto-winner mode', () => {
    const splitStats = { A: { entered: 1000, converted: 200 }, B: { entered: 1000, converted: 100 } };
    const ports = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const result = run(
        'split.ab',
        { ...config, mode: 'auto-winner' },
        {
          splitStats,
          random: (salt) => stableUnit(`${salt}:C${i}`),
        },
      );
      if (result.kind === 'advance') ports.add(result.port);
    }
    expect([...ports].sort()).toEqual(['A', 'control']);
  });
});

describe('send', () => {
  const config = {
    channel: 'sms',
    connectorId: 'sms-main',
    content: { kind: 'inline', body: 'A' },
    variantContent: { B: { kind: 'inline', body: 'B' } },
  };
  it('asks for the variant’s content and maps the message outcome to a port', () => {
    const enrollment = { ...input(null).enrollment, abPath: { split1: 'B' } };
    expect(run('send', config, { enrollment })).toMatchObject({
      kind: 'perform',
      effect: { kind: 'send', content: { body: 'B' }, variant: 'B' },
    });
    const port = (status: 'sent' | 'failed' | 'suppressed' | 'unknown', unknownTooLong = false) =>
      run('send', config, { effect: { status, unknownTooLong } });
    expect(port('sent')).toEqual({ kind: 'advance', port: 'sent' });
    expect(port('failed')).toEqual({ kind: 'advance', port: 'failed' });
    expect(port('suppressed')).toEqual({ kind: 'advance', port: 'suppressed' });
    expect(port('unknown').kind).toBe('perform');
    expect(port('unknown', true)).toEqual({ kind: 'advance', port: 'failed' });
  });
  it('waits for the end of quiet hours instead of sending at night', () => {
    const settings = settingsSchema.parse({ quietHours: { start: '21:00', end: '08:00' } });
    const lateEvening = new Date('2026-11-23T15:30:00Z'); // 23:30 in Shanghai
    expect(run('send', config, { settings, now: lateEvening })).toEqual({
      kind: 'wait',
      until: new Date('2026-11-24T00:00:00Z'), // 08:00 in Shanghai
    });
  });
});

describe('wait.until and local time', () => {
  it('finds the next local time of day on the requested weekdays', () => {
    // Monday 2026-11-23 10:00 Shanghai → next Wednesday 09:30 Shanghai.
    expect(nextLocalTime(now, '09:30', 'Asia/Shanghai', [3])).toEqual(new Date('2026-11-25T01:30:00Z'));
    expect(nextLocalTime(now, '09:30', 'Asia/Shanghai')).toEqual(new Date('2026-11-24T01:30:00Z'));
  });
  it('waits until three days before a date in the profile, or exits when the profile has none', () => {
    const config = { kind: 'attribute', attribute: 'maturity_date', offsetDays: -3, time: '09:00' };
    const customer = { id: 'C1', attributes: { maturity_date: '2026-12-10' }, tags: [], consent: {} };
    expect(run('wait.until', config, { customer })).toEqual({
      kind: 'wait',
      until: new Date('2026-12-07T01:00:00Z'),
    });
    expect(run('wait.until', config)).toMatchObject({
      kind: 'exit',
      reason: expect.stringMatching(/^missing-date/),
    });
  });
});

describe('filter', () => {
  it('answers yes or no on the profile', () => {
    const config = {
      condition: { type: 'attribute', field: 'balance', valueType: 'number', op: 'gt', value: 1000 },
    };
    expect(run('filter', config)).toEqual({ kind: 'advance', port: 'yes' });
    const poor = { id: 'C2', attributes: { balance: 10 }, tags: [], consent: {} };
    expect(run('filter', config, { customer: poor })).toEqual({ kind: 'advance', port: 'no' });
  });
});

describe('rm.task', () => {
  const config = { kind: 'call', slaHours: 48, script: '' };
  const deadline = new Date(now.getTime() + 48 * 3_600_000);
  const parked = { ...input(null).enrollment, wakeAt: deadline };
  const outcome = (value: string, at: Date) => ({
    name: 'rm.task.outcome',
    properties: { enrollmentId: 1, nodeId: 'n1', outcome: value },
    occurredAt: at,
  });

  it('waits up to the SLA for the manager, then leaves through the outcome they recorded', () => {
    expect(run('rm.task', config)).toEqual({ kind: 'waitForEvent', event: 'rm.task.outcome', deadline });
    const later = new Date(now.getTime() + 3_600_000);
    expect(
      run('rm.task', config, { enrollment: parked, events: [outcome('not-interested', later)], now: later }),
    ).toEqual({ kind: 'advance', port: 'not-interested' });
    expect(run('rm.task', config, { enrollment: parked, now: deadline })).toEqual({
      kind: 'advance',
      port: 'expired',
    });
  });

  it('does not take the outcome of an earlier visit to the same task (a journey that loops back)', () => {
    const lastVisit = outcome('converted', new Date(now.getTime() - day));
    expect(run('rm.task', config, { enrollment: parked, events: [lastVisit] })).toEqual({
      kind: 'waitForEvent',
      event: 'rm.task.outcome',
      deadline,
    });
  });
});
