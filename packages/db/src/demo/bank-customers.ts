import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The real bank-marketing data set (../shared/data/bank-marketing/bank-full.csv) as Waymark
 * customers. Typed attributes follow the column descriptions in bank-names.txt; the PII the data
 * set lacks (name, phone, ID number) is derived deterministically from the row number, so every
 * run of the demo, the tests and the benchmarks sees the same people.
 */
export interface BankCustomer {
  id: string;
  attributes: BankAttributes;
  name: string;
  phone: string;
  idNumber: string;
}

export interface BankAttributes {
  age: number;
  job: string;
  marital: string;
  education: string;
  default: boolean;
  balance: number;
  housing: boolean;
  loan: boolean;
  contact: string;
  day: number;
  month: string;
  duration: number;
  campaign: number;
  pdays: number;
  previous: number;
  poutcome: string;
  /** Did the customer subscribe a term deposit: the real campaign outcome. */
  y: boolean;
}

export const bankAttributeTypes = {
  age: 'number',
  job: 'string',
  marital: 'string',
  education: 'string',
  default: 'boolean',
  balance: 'number',
  housing: 'boolean',
  loan: 'boolean',
  contact: 'string',
  day: 'number',
  month: 'string',
  duration: 'number',
  campaign: 'number',
  pdays: 'number',
  previous: 'number',
  poutcome: 'string',
  y: 'boolean',
} as const satisfies Record<keyof BankAttributes, 'number' | 'string' | 'boolean'>;

/** Where the shared data set sits relative to a checkout of this repository. */
export const defaultBankCsvPath = new URL(
  '../../../../../shared/data/bank-marketing/bank-full.csv',
  import.meta.url,
).pathname;

/** Customer id for the n-th data row (1-based), e.g. `C000001`. */
export function bankCustomerId(row: number): string {
  return `C${String(row).padStart(6, '0')}`;
}

/** Parses one data line of bank-full.csv (header order) into typed attributes. */
export function parseBankRow(fields: readonly string[]): BankAttributes {
  const col = (i: number) => (fields[i] ?? '').replace(/^"|"$/g, '');
  const num = (i: number) => Number(col(i));
  const yes = (i: number) => col(i) === 'yes';
  return {
    age: num(0),
    job: col(1),
    marital: col(2),
    education: col(3),
    default: yes(4),
    balance: num(5),
    housing: yes(6),
    loan: yes(7),
    contact: col(8),
    day: num(9),
    month: col(10),
    duration: num(11),
    campaign: num(12),
    pdays: num(13),
    previous: num(14),
    poutcome: col(15),
    y: yes(16),
  };
}

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const givenChars =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国文斌辉力宇浩然子轩梓涵欣怡思远嘉怡雨桐俊杰佳琪晓东海燕春梅志强丹丹';
const mobilePrefixes = [
  '138',
  '139',
  '137',
  '136',
  '135',
  '150',
  '151',
  '152',
  '158',
  '159',
  '186',
  '187',
  '188',
  '189',
  '133',
  '177',
];

/** A small deterministic integer hash (xorshift-multiply), good enough to spread fake values. */
function mix(n: number, salt: number): number {
  let x = (n * 0x9e3779b1 + salt * 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

export function fakeName(row: number): string {
  const s = surnames[mix(row, 1) % surnames.length];
  const g1 = givenChars[mix(row, 2) % givenChars.length];
  const g2 = mix(row, 3) % 3 === 0 ? '' : givenChars[mix(row, 4) % givenChars.length];
  return `${s}${g1}${g2}`;
}

/** A unique mainland mobile number per row: prefix + 8 digits that encode the row. */
export function fakePhone(row: number): string {
  const prefix = mobilePrefixes[mix(row, 5) % mobilePrefixes.length];
  const body = (row * 7919 + 10_000_000) % 100_000_000;
  return `${prefix}${String(body).padStart(8, '0')}`;
}

/** An 18-character resident ID with a valid GB 11643 check digit, birth year from the age. */
export function fakeIdNumber(row: number, age: number): string {
  const region = String(110_000 + (mix(row, 6) % 540_000)).padStart(6, '0');
  const year = 2010 - age;
  const month = String((mix(row, 7) % 12) + 1).padStart(2, '0');
  const day = String((mix(row, 8) % 28) + 1).padStart(2, '0');
  const seq = String(row % 1000).padStart(3, '0');
  const first17 = `${region}${year}${month}${day}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (weights[i] ?? 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}

/** Streams the data set as customers, row 1 first. */
export async function* readBankCustomers(path = defaultBankCsvPath): AsyncGenerator<BankCustomer> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let row = 0;
  for await (const line of lines) {
    if (row++ === 0 || line.trim() === '') continue;
    const n = row - 1;
    const attributes = parseBankRow(line.split(','));
    yield {
      id: bankCustomerId(n),
      attributes,
      name: fakeName(n),
      phone: fakePhone(n),
      idNumber: fakeIdNumber(n, attributes.age),
    };
  }
}
