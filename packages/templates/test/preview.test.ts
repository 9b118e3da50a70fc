import { describe, expect, it } from 'vitest';
import { buildRenderContext, createTemplateEngine, previewTemplate, smsSegments } from '../src/index.ts';

const zhang = {
  id: 'C000001',
  name: '张三',
  phone: '13812345678',
  attributes: { balance: 1234.5, age: 58, job: 'management' },
  tags: ['vip', 'salary'],
};

describe('previewTemplate', () => {
  it('fills the maturing-deposit script in Chinese', () => {
    const source =
      "尊敬的{{customer.name}}，您的定期存款{{currency attributes.balance}}将于{{date event.maturityDate 'MM月DD日'}}到期";
    const result = previewTemplate(source, zhang, { event: { maturityDate: '2025-06-30' } });
    expect(result).toEqual({
      ok: true,
      text: '尊敬的张三，您的定期存款1,234.50元将于06月30日到期',
      variables: ['customer.name', 'attributes.balance', 'event.maturityDate'],
      sms: { encoding: 'UCS-2', characters: 31, units: 31, segments: 1, unitsPerSegment: 70 },
    });
  });

  it('fills the same variables in English', () => {
    const source =
      "Dear {{maskName customer.name}}, your deposit of {{currency attributes.balance}} matures on {{date event.maturityDate 'long'}}. Call {{maskPhone customer.phone}}.";
    const result = previewTemplate(
      source,
      { ...zhang, name: 'John Smith' },
      { locale: 'en', event: { maturityDate: '2025-06-30' } },
    );
    expect(result).toMatchObject({
      ok: true,
      text: 'Dear J*** S****, your deposit of ¥1,234.50 matures on June 30, 2025. Call 138****5678.',
      sms: { encoding: 'GSM-7', segments: 1 },
    });
  });

  it('exposes tags, journey values and the injected time', () => {
    const source = '{{#each tags}}[{{this}}]{{/each}} {{journey.name}} {{date now "YYYY-MM-DD HH:mm"}}';
    const result = previewTemplate(source, zhang, {
      journey: { name: '到期提醒' },
      now: new Date('2025-06-01T02:00:00Z'),
    });
    expect(result).toMatchObject({ ok: true, text: '[vip][salary] 到期提醒 2025-06-01 10:00' });
  });

  it('reports a syntax error with its location', () => {
    const result = previewTemplate('您好\n{{#if attributes.loan}}', zhang);
    expect(result).toMatchObject({ ok: false, error: { code: 'template.syntax', line: 2 } });
  });

  it('reports variables the customer or event does not have', () => {
    expect(previewTemplate('{{event.amount}}', zhang)).toMatchObject({
      ok: false,
      error: { code: 'template.missing-variable', line: 1, column: 3 },
    });
    expect(previewTemplate('{{customer.name}}', { id: 'C2' })).toMatchObject({
      ok: false,
      error: { code: 'template.missing-variable' },
    });
    expect(previewTemplate('{{default event.amount 0}}', zhang)).toMatchObject({ ok: true, text: '0' });
  });

  it('leaves out the SMS count for e-mail bodies and escapes their values', () => {
    const result = previewTemplate(
      '<p>{{customer.name}}</p>',
      { ...zhang, name: '<script>' },
      { channel: 'email' },
    );
    expect(result).toEqual({ ok: true, text: '<p>&lt;script&gt;</p>', variables: ['customer.name'] });
  });

  it('uses the given engine and its cache', () => {
    const engine = createTemplateEngine();
    for (let i = 0; i < 5; i++) previewTemplate('{{customer.id}}', zhang, { engine });
    expect(engine.stats()).toMatchObject({ compiles: 1, hits: 4 });
  });
});

describe('buildRenderContext', () => {
  it('builds the documented namespaces without sharing the caller objects', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const context = buildRenderContext(zhang, { event: { amount: 5 }, now });
    expect(context).toEqual({
      customer: { id: 'C000001', name: '张三', phone: '13812345678' },
      attributes: zhang.attributes,
      tags: ['vip', 'salary'],
      event: { amount: 5 },
      journey: {},
      now,
    });
    expect(context.attributes).not.toBe(zhang.attributes);
  });
});

describe('smsSegments', () => {
  it('counts GSM-7 at 160 per message and 153 per part', () => {
    expect(smsSegments('')).toMatchObject({ segments: 0 });
    expect(smsSegments('a'.repeat(160))).toMatchObject({
      encoding: 'GSM-7',
      segments: 1,
      unitsPerSegment: 160,
    });
    expect(smsSegments('a'.repeat(161))).toMatchObject({ segments: 2, unitsPerSegment: 153 });
    expect(smsSegments('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(smsSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('counts extension characters as two septets and never splits them', () => {
    expect(smsSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments(`${'a'.repeat(152)}€`)).toMatchObject({ units: 154, segments: 1 });
    // 306 septets would fill exactly two parts, but the € cannot straddle the first boundary.
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toMatchObject({ units: 306, segments: 3 });
  });

  it('switches to UCS-2 for Chinese: 70 per message, 67 per part', () => {
    expect(smsSegments('您'.repeat(70))).toMatchObject({
      encoding: 'UCS-2',
      segments: 1,
      unitsPerSegment: 70,
    });
    expect(smsSegments('您'.repeat(71))).toMatchObject({ segments: 2, unitsPerSegment: 67 });
    expect(smsSegments('您'.repeat(134))).toMatchObject({ segments: 2 });
    expect(smsSegments('您'.repeat(135))).toMatchObject({ segments: 3 });
    expect(smsSegments(`abc${'您'}`)).toMatchObject({ encoding: 'UCS-2', characters: 4, units: 4 });
  });

  it('counts emoji as two UCS-2 units and keeps each in one part', () => {
    expect(smsSegments('😀'.repeat(35))).toMatchObject({ characters: 35, units: 70, segments: 1 });
    expect(smsSegments(`${'a'.repeat(66)}😀`)).toMatchObject({ units: 68, segments: 1 });
    expect(smsSegments(`${'a'.repeat(70)}😀`)).toMatchObject({ units: 72, segments: 2 });
    expect(smsSegments(`${'a'.repeat(66)}😀${'a'.repeat(67)}`)).toMatchObject({ units: 135, segments: 3 });
  });
});
