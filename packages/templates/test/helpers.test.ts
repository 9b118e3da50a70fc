import { describe, expect, it } from 'vitest';
import { helperCatalog, type TemplateLocale } from '../src/index.ts';
import { fill, renderSource } from './fill.ts';

const zh = { locale: 'zh-CN' } as const;
const en = { locale: 'en' } as const;
const both: readonly { locale: TemplateLocale }[] = [zh, en];

function renderError(source: string, data: unknown, options = {}) {
  const result = renderSource(source, data, options);
  if (result.ok) throw new Error(`Expected ${source} to fail, got ${JSON.stringify(result.text)}`);
  return result.error;
}

describe('number', () => {
  it.each(both)('groups thousands and keeps up to two decimals ($locale)', (options) => {
    expect(fill('{{number x}}', { x: 1234567.891 }, options)).toBe('1,234,567.89');
    expect(fill('{{number x}}', { x: 1234 }, options)).toBe('1,234');
    expect(fill('{{number x 2}}', { x: 1234.5 }, options)).toBe('1,234.50');
    expect(fill('{{number x decimals=0}}', { x: 1234.5 }, options)).toBe('1,235');
    expect(fill('{{number x grouping=false}}', { x: 1234.5 }, options)).toBe('1234.5');
    expect(fill('{{number x 2}}', { x: -0.001 }, options)).toBe('0.00');
  });

  it('reads numeric text as CSV and JSON payloads carry it', () => {
    expect(fill('{{number x 1}}', { x: ' 98765.43 ' }, zh)).toBe('98,765.4');
  });

  it('refuses text that is not a number with a message naming the helper', () => {
    const error = renderError('{{number x}}', { x: 'abc' });
    expect(error.code).toBe('template.render');
    expect(error.message).toContain('{{number}} needs a number');
    expect(error.message).toContain('"abc"');
    expect(renderError('{{number x 99}}', { x: 1 }).message).toContain('decimals');
  });
});

describe('currency', () => {
  it('writes CNY as 元 after the amount in Chinese and as ¥ before it in English', () => {
    expect(fill('{{currency x}}', { x: 1234.5 }, zh)).toBe('1,234.50元');
    expect(fill('{{currency x}}', { x: 1234.5 }, en)).toBe('¥1,234.50');
    expect(fill('{{currency x}}', { x: -88 }, zh)).toBe('-88.00元');
    expect(fill('{{currency x}}', { x: -88 }, en)).toBe('-¥88.00');
  });

  it.each(both)('accepts other ISO codes and styles ($locale)', (options) => {
    const usd = fill('{{currency x "USD"}}', { x: 1234.5 }, options);
    expect(usd).toBe(options.locale === 'zh-CN' ? '1,234.50美元' : '$1,234.50');
    expect(fill('{{currency x code="JPY"}}', { x: 1234.5 }, options)).toMatch(/^(1,235日元|¥1,235)$/);
    expect(fill('{{currency x style="symbol"}}', { x: 1234.5 }, options)).toBe('¥1,234.50');
    expect(fill('{{currency x style="code"}}', { x: 1234.5 }, options)).toMatch(/^CNY\s1,234\.50$/);
    expect(fill('{{currency x decimals=0}}', { x: 1234.5 }, options)).toMatch(/1,235/);
  });

  it('writes an unfamiliar currency with its code in Chinese', () => {
    expect(fill('{{currency x "NZD"}}', { x: 10 }, zh)).toBe('10.00 NZD');
  });

  it('refuses a malformed currency code', () => {
    expect(renderError('{{currency x "dollars"}}', { x: 1 }).message).toContain('ISO currency code');
  });
});

describe('percent', () => {
  it.each(both)('shows a ratio as a percentage ($locale)', (options) => {
    expect(fill('{{percent x}}', { x: 0.0345 }, options)).toBe('3.45%');
    expect(fill('{{percent x 2}}', { x: 0.035 }, options)).toBe('3.50%');
    expect(fill('{{percent x points=true}}', { x: 3.5 }, options)).toBe('3.5%');
    expect(fill('{{percent x}}', { x: 1 }, options)).toBe('100%');
  });
});

describe('date', () => {
  const maturity = { d: '2025-06-30' };

  it.each(both)('formats patterns ($locale)', (options) => {
    expect(fill('{{date d}}', maturity, options)).toBe('2025-06-30');
    expect(fill("{{date d 'MM月DD日'}}", maturity, options)).toBe('06月30日');
    expect(fill("{{date d 'M月D日'}}", maturity, options)).toBe('6月30日');
    expect(fill("{{date d 'YY/M/D [at] HH:mm'}}", { d: '2025-06-30T09:05:00+08:00' }, options)).toBe(
      '25/6/30 at 09:05',
    );
  });

  it('names weekdays in the template language', () => {
    expect(fill("{{date d 'dddd ddd'}}", maturity, zh)).toBe('星期一 周一');
    expect(fill("{{date d 'dddd ddd'}}", maturity, en)).toBe('Monday Mon');
  });

  it('renders the long style per locale', () => {
    expect(fill("{{date d 'long'}}", maturity, zh)).toBe('2025年6月30日');
    expect(fill("{{date d 'long'}}", maturity, en)).toBe('June 30, 2025');
  });

  it('shows instants in Beijing time by default and in another zone when asked', () => {
    const late = { d: '2025-06-30T20:30:00Z' };
    expect(fill("{{date d 'YYYY-MM-DD HH:mm'}}", late)).toBe('2025-07-01 04:30');
    expect(fill("{{date d 'YYYY-MM-DD HH:mm' tz='America/New_York'}}", late)).toBe('2025-06-30 16:30');
    expect(fill("{{date d 'YYYY-MM-DD HH:mm'}}", late, { timeZone: 'Europe/London' })).toBe(
      '2025-06-30 21:30',
    );
    expect(fill("{{date d 'YYYY-MM-DD'}}", { d: new Date('2025-01-01T00:00:00Z') })).toBe('2025-01-01');
    expect(fill("{{date d 'YYYY-MM-DD HH:mm'}}", { d: Date.UTC(2025, 0, 1, 16) })).toBe('2025-01-02 00:00');
  });

  it('keeps a date without a zone on its calendar day in every zone', () => {
    expect(fill('{{date d}}', maturity, { timeZone: 'America/Los_Angeles' })).toBe('2025-06-30');
    expect(fill("{{date d 'long'}}", maturity, { locale: 'en', timeZone: 'Pacific/Honolulu' })).toBe(
      'June 30, 2025',
    );
  });

  it('refuses impossible dates, unknown zones and patterns without date parts', () => {
    expect(renderError('{{date d}}', { d: '2025-02-30' }).message).toContain('real calendar date');
    expect(renderError('{{date d}}', { d: 'next tuesday' }).message).toContain('needs a date');
    expect(renderError("{{date d tz='Mars/Olympus'}}", maturity).message).toContain('IANA time zone');
    expect(renderError("{{date d 'lng'}}", maturity).message).toContain('date pattern');
  });
});

describe('masks', () => {
  it.each(both)('hides the middle of phone numbers ($locale)', (options) => {
    expect(fill('{{maskPhone p}}', { p: '13812345678' }, options)).toBe('138****5678');
    expect(fill('{{maskPhone p}}', { p: 13812345678 }, options)).toBe('138****5678');
    expect(fill('{{maskPhone p}}', { p: '+86 138 1234 5678' })).toBe('+86 138****5678');
    expect(fill('{{maskPhone p}}', { p: '021-6543 2100' })).toBe('021-**** 2100');
    expect(fill('{{maskPhone p}}', { p: '95588' })).toBe('****8');
  });

  it.each(both)('hides the middle of names ($locale)', (options) => {
    expect(fill('{{maskName n}}', { n: '张小三' }, options)).toBe('张*三');
    expect(fill('{{maskName n}}', { n: '张三' }, options)).toBe('张*');
    expect(fill('{{maskName n}}', { n: '欧阳娜娜' }, options)).toBe('欧**娜');
    expect(fill('{{maskName n}}', { n: 'John Smith' }, options)).toBe('J*** S****');
  });
});

describe('default', () => {
  it.each(both)('replaces missing, null and empty values only ($locale)', (options) => {
    const source = '{{default customer.nickname "客户"}}';
    expect(fill(source, { customer: {} }, options)).toBe('客户');
    expect(fill(source, { customer: { nickname: null } })).toBe('客户');
    expect(fill(source, { customer: { nickname: '' } })).toBe('客户');
    expect(fill(source, { customer: { nickname: '小张' } })).toBe('小张');
    expect(fill('{{default n 5}}', { n: 0 })).toBe('0');
    expect(fill('{{currency (default a.balance 0)}}', { a: {} }, options)).toBe(
      options.locale === 'zh-CN' ? '0.00元' : '¥0.00',
    );
  });
});

describe('comparisons and logic', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['{{eq a b}}', { a: 5, b: '5' }, 'true'],
    ['{{eq a b}}', { a: 'VIP', b: 'VIP' }, 'true'],
    ['{{eq a b}}', { a: 'VIP', b: 'vip' }, 'false'],
    ['{{ne a b}}', { a: 1, b: 2 }, 'true'],
    ['{{gt a 50000}}', { a: 60000 }, 'true'],
    ['{{gt a 50000}}', { a: '60000' }, 'true'],
    ['{{gte a 50000}}', { a: 50000 }, 'true'],
    ['{{lt a 18}}', { a: 30 }, 'false'],
    ['{{lte a 18}}', { a: 18 }, 'true'],
    ['{{gt a b}}', { a: '2025-07-01', b: '2025-06-30' }, 'true'],
    ['{{gt a 1}}', { a: [5] }, 'false'],
    ['{{lt a 1}}', { a: { x: 1 } }, 'false'],
    ['{{and a b}}', { a: true, b: 'x' }, 'true'],
    ['{{and a b}}', { a: true, b: [] }, 'false'],
    ['{{or a b c}}', { a: 0, b: '', c: 'x' }, 'true'],
    ['{{not a}}', { a: 0 }, 'true'],
    ['{{not a}}', { a: ['x'] }, 'false'],
  ];
  it.each(cases)('%s with %j is %s in both locales', (source, data, expected) => {
    for (const options of both) expect(fill(source, data, options)).toBe(expected);
  });

  it('drives #if blocks', () => {
    const source = '{{#if (and (gte attributes.balance 50000) (not attributes.loan))}}VIP{{else}}普通{{/if}}';
    expect(fill(source, { attributes: { balance: 80000, loan: false } })).toBe('VIP');
    expect(fill(source, { attributes: { balance: 80000, loan: true } })).toBe('普通');
  });
});

describe('truncate, upper, lower', () => {
  it('counts Chinese characters and emoji as one and ends with an ellipsis', () => {
    expect(fill('{{truncate t 5}}', { t: '中国工商银行股份有限公司' })).toBe('中国工商…');
    expect(fill('{{truncate t 5}}', { t: '招商银行' })).toBe('招商银行');
    expect(fill('{{truncate t 3}}', { t: '👍🏽👍🏽👍🏽👍🏽' })).toBe('👍🏽👍🏽…');
    expect(fill('{{truncate t 6 ellipsis="..."}}', { t: 'Hello world' })).toBe('Hel...');
    expect(fill('{{truncate t 2 ellipsis="..."}}', { t: 'Hello' })).toBe('He');
  });

  it.each(both)('changes case ($locale)', (options) => {
    expect(fill('{{upper t}}', { t: 'vip 客户' }, options)).toBe('VIP 客户');
    expect(fill('{{lower t}}', { t: 'VIP 客户' }, options)).toBe('vip 客户');
  });

  it('refuses to shorten a list', () => {
    expect(renderError('{{truncate t 3}}', { t: ['a'] }).message).toContain('needs text, but got a list');
  });
});

describe('helper catalog', () => {
  it('lists every helper with an example that compiles and names it', () => {
    const names = helperCatalog.map((helper) => helper.name);
    for (const name of [
      'number',
      'currency',
      'percent',
      'date',
      'maskPhone',
      'maskName',
      'default',
      'truncate',
    ]) {
      expect(names).toContain(name);
    }
    for (const name of [
      'eq',
      'ne',
      'gt',
      'gte',
      'lt',
      'lte',
      'and',
      'or',
      'not',
      'upper',
      'lower',
      'if',
      'each',
    ]) {
      expect(names).toContain(name);
    }
    for (const helper of helperCatalog) expect(helper.example).toContain(helper.name);
  });
});
