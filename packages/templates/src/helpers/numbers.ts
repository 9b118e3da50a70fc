import type { TemplateLocale } from '../locale.ts';
import { defineHelper, refuse } from './define-helper.ts';
import {
  describeValue,
  oneOf,
  optionalSetting,
  required,
  toBoundedInteger,
  toFiniteNumber,
  toFlag,
} from './values.ts';

const maxDecimals = 10;
const formatters = new Map<string, Intl.NumberFormat>();

// Building an Intl.NumberFormat costs tens of microseconds; a send batch formats thousands of
// amounts with a handful of distinct settings, so they are memoised (and the memo kept small).
function numberFormat(locale: TemplateLocale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${options.style}|${options.currency}|${options.currencyDisplay}|${options.minimumFractionDigits}|${options.maximumFractionDigits}|${options.useGrouping}|${options.signDisplay}`;
  let format = formatters.get(key);
  if (format === undefined) {
    if (formatters.size > 200) formatters.clear();
    format = new Intl.NumberFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

const currencyDigits = new Map<string, number>();

/** The decimals a currency is normally written with (2 for CNY, 0 for JPY). */
function standardDecimals(code: string): number {
  let digits = currencyDigits.get(code);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    if (currencyDigits.size > 200) currencyDigits.clear();
    currencyDigits.set(code, digits);
  }
  return digits;
}

function decimalsSetting(value: unknown): number | undefined {
  return value === undefined ? undefined : toBoundedInteger(value, 'the number of decimals', 0, maxDecimals);
}

/** `{{number value [decimals]}}`: grouped digits, e.g. 1,234.5; `decimals` fixes the fraction. */
export const numberHelper = defineHelper({
  name: 'number',
  minArgs: 1,
  maxArgs: 2,
  hashKeys: ['decimals', 'grouping'],
  summary: 'A number with thousands separators, e.g. 1,234.5; add 2 for two decimals.',
  example: '{{number attributes.balance 2}}',
  run(args, hash, { locale }) {
    const value = toFiniteNumber(required(args, 0));
    const decimals = decimalsSetting(optionalSetting(args[1], hash.decimals));
    const grouping = hash.grouping === undefined ? true : toFlag(hash.grouping, 'grouping');
    return numberFormat(locale, {
      minimumFractionDigits: decimals ?? 0,
      maximumFractionDigits: decimals ?? 2,
      useGrouping: grouping,
      signDisplay: 'negative',
    }).format(value);
  },
});

/** Chinese unit words for the currencies a mainland bank's customers hold most often. */
const chineseCurrencyUnits: Readonly<Record<string, string>> = {
  CNY: '元',
  USD: '美元',
  HKD: '港元',
  EUR: '欧元',
  JPY: '日元',
  GBP: '英镑',
  AUD: '澳元',
  CAD: '加元',
  SGD: '新加坡元',
  CHF: '瑞士法郎',
  MOP: '澳门元',
};

const currencyStyles = ['unit', 'symbol', 'code'] as const;
type CurrencyStyle = (typeof currencyStyles)[number];

function currencyCode(value: unknown): string {
  if (typeof value === 'string' && /^[A-Za-z]{3}$/.test(value)) return value.toUpperCase();
  return refuse(`needs an ISO currency code such as "CNY" or "USD", but got ${describeValue(value)}`);
}

/**
 * `{{currency value [code]}}`: an amount in CNY unless another ISO code is given.
 * zh-CN writes the unit after the amount (1,234.50元, 1,234.50美元); en writes a symbol
 * (¥1,234.50, $1,234.50). `style="unit" | "symbol" | "code"` chooses explicitly.
 */
export const currencyHelper = defineHelper({
  name: 'currency',
  minArgs: 1,
  maxArgs: 2,
  hashKeys: ['code', 'decimals', 'style'],
  summary: 'An amount of money: 1,234.50元 in Chinese, ¥1,234.50 in English (CNY unless a code is given).',
  example: '{{currency attributes.balance}}',
  run(args, hash, { locale }) {
    const value = toFiniteNumber(required(args, 0), 'an amount');
    const codeSetting = optionalSetting(args[1], hash.code);
    const code = codeSetting === undefined ? 'CNY' : currencyCode(codeSetting);
    const style: CurrencyStyle =
      hash.style === undefined
        ? locale === 'zh-CN'
          ? 'unit'
          : 'symbol'
        : oneOf(hash.style, 'style', currencyStyles);
    const decimals = decimalsSetting(hash.decimals) ?? standardDecimals(code);
    // 'negative' keeps an amount that rounds to zero from reading "-0.00".
    const digits = {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay: 'negative',
    } as const;

    if (style === 'unit') {
      const amount = numberFormat(locale, digits).format(value);
      const unit = locale === 'zh-CN' ? chineseCurrencyUnits[code] : undefined;
      return unit === undefined ? `${amount} ${code}` : `${amount}${unit}`;
    }
    // The narrow symbol reads as ¥ rather than CN¥ for the customer's own currency; for others
    // the regular symbol (US$, HK$) avoids mistaking one dollar for another.
    const display = style === 'code' ? 'code' : code === 'CNY' ? 'narrowSymbol' : 'symbol';
    return numberFormat(locale, {
      style: 'currency',
      currency: code,
      currencyDisplay: display,
      ...digits,
    }).format(value);
  },
});

/**
 * `{{percent value [decimals]}}`: a ratio as a percentage (0.035 → 3.5%). With `points=true` the
 * value is already in percent (3.5 → 3.5%), as interest rates are often stored.
 */
export const percentHelper = defineHelper({
  name: 'percent',
  minArgs: 1,
  maxArgs: 2,
  hashKeys: ['decimals', 'points'],
  summary: 'A ratio as a percentage: 0.035 → 3.5% (points=true when the value is already 3.5).',
  example: '{{percent attributes.rate 2}}',
  run(args, hash, { locale }) {
    const raw = toFiniteNumber(required(args, 0));
    const points = hash.points === undefined ? false : toFlag(hash.points, 'points');
    const ratio = points ? raw / 100 : raw;
    const decimals = decimalsSetting(optionalSetting(args[1], hash.decimals));
    return numberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: decimals ?? 0,
      maximumFractionDigits: decimals ?? 2,
      signDisplay: 'negative',
    }).format(ratio);
  },
});
