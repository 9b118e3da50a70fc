import { describe, expect, it } from 'vitest';
import { buildFieldCatalog, builtInCatalog, type DiscoveredFields } from './field-catalog.ts';

const otherBank: DiscoveredFields = {
  attributes: [
    { name: 'assets', valueType: 'number', seen: 2000 },
    { name: 'segment', valueType: 'string', seen: 2000, options: ['affluent', 'mass'] },
    // A bank attribute Waymark knows (label and values), stored as text in this data.
    { name: 'job', valueType: 'string', seen: 1500, options: ['retired'] },
    { name: 'loan', valueType: 'string', seen: 900, options: ['no', 'yes'] },
  ],
  tags: [
    { name: 'payroll', seen: 700 },
    { name: 'vip', seen: 200 },
  ],
  events: [
    {
      name: 'salary_credit',
      seen: 3000,
      properties: [
        { name: 'amount', valueType: 'number', seen: 3000 },
        { name: 'paid_on', valueType: 'date', seen: 3000 },
      ],
    },
    { name: 'mobile_login', seen: 500, properties: [{ name: 'os', valueType: 'string', seen: 500 }] },
  ],
  sampled: { customers: 2000, events: 3500 },
};

describe('field catalog', () => {
  it('offers what the data holds, known bank attributes first with their labels', () => {
    const catalog = buildFieldCatalog(otherBank);
    expect(catalog.attributes.map((field) => field.name)).toEqual(['job', 'loan', 'assets', 'segment']);
    expect(catalog.attribute('job')?.label).toEqual({ en: 'Job', 'zh-CN': '职业' });
    // The built-in list of jobs is more complete than what a sample saw.
    expect(catalog.attribute('job')?.options).toContain('blue-collar');
    // The data decides the type: built in as a flag, stored here as text.
    expect(catalog.attribute('loan')).toMatchObject({ valueType: 'string', options: ['no', 'yes'] });
    // A key Waymark does not know is labelled with its own name, in both languages.
    expect(catalog.attributeLabel('assets', 'zh-CN')).toBe('assets');
    expect(catalog.attribute('segment')?.options).toEqual(['affluent', 'mass']);
    // The demo bank's attributes that this bank does not have are not offered.
    expect(catalog.attribute('balance')).toBeUndefined();
  });

  it('offers the stored tags and events, and the properties each event carries', () => {
    const catalog = buildFieldCatalog(otherBank);
    expect(catalog.tags).toEqual(['payroll', 'vip']);
    expect(catalog.events).toEqual(['salary_credit', 'mobile_login']);
    expect(catalog.eventProperties('salary_credit').map((field) => [field.name, field.label.en])).toEqual([
      ['amount', 'Amount'],
      ['paid_on', 'paid_on'],
    ]);
    expect(catalog.eventProperties('mobile_login').map((field) => field.name)).toEqual(['os']);
    // An event that is not stored yet, but the bank catalog knows, keeps its properties.
    expect(catalog.eventProperties('large_deposit').map((field) => field.name)).toContain('amount');
    expect(catalog.eventProperties('never_heard_of')).toEqual([]);
    expect(catalog.eventProperties(undefined)).toEqual([]);
  });

  it('falls back to the bank catalog for data not stored yet', () => {
    const empty = buildFieldCatalog({
      attributes: [],
      tags: [],
      events: [],
      sampled: { customers: 0, events: 0 },
    });
    expect(empty.attributes).toEqual(builtInCatalog.attributes);
    expect(empty.tags).toEqual(builtInCatalog.tags);
    expect(empty.events).toEqual(builtInCatalog.events);
    expect(builtInCatalog.attribute('balance')?.label['zh-CN']).toBe('账户余额');
  });
});
