import { type BankAttributes, bankAttributeTypes, readBankCustomers } from '@waymark/db/demo';
import type { CustomerEvent } from '../../src/evaluate.ts';
import type { FieldCatalog, FieldSpec } from '../../src/testing.ts';
import type { CustomerRow, EventRow } from './database.ts';

/** The fixed instant the synthetic history is spread before and conditions are judged at. */
export const bankNow = new Date('2026-11-23T06:00:00.000Z');

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const merchants = ['Star Coffee', 'MetroMart', 'Sky Air', '7-Eleven', 'Taobao', 'star coffee'];
const channels = ['app', 'web', 'wecom'];

/** One bank customer as both sides see it: JSON as stored, tags, and the event history. */
export interface BankFixtureCustomer extends CustomerRow {
  attributes: Record<string, unknown>;
  events: CustomerEvent[];
}

/**
 * All 45,211 bank customers with extra date attributes, deterministic "dirty" values a real
 * import brings (numbers as text, nulls, missing keys, impossible dates, other casing), tags
 * derived from attributes, and a synthetic history over the 90 days before `bankNow`, including
 * events exactly on window boundaries and one in the future.
 */
export async function loadBankFixture(): Promise<BankFixtureCustomer[]> {
  const customers: BankFixtureCustomer[] = [];
  let row = 0;
  for await (const customer of readBankCustomers()) {
    row++;
    const attributes = withDatesAndDirt(customer.attributes, row);
    // What Postgres stores is JSON: evaluate must see the same round-tripped values.
    const stored = JSON.parse(JSON.stringify(attributes)) as Record<string, unknown>;
    customers.push({
      id: customer.id,
      attributes: stored,
      tags: tagsOf(customer.attributes),
      events: historyOf(customer.attributes, row),
    });
  }
  return customers;
}

function withDatesAndDirt(a: BankAttributes, row: number): Record<string, unknown> {
  const month = String(months.indexOf(a.month) + 1).padStart(2, '0');
  const attributes: Record<string, unknown> = {
    ...a,
    // The data set's day/month of last contact, placed in 2026: 29 February and the like become impossible dates.
    last_contact: `2026-${month}-${String(a.day).padStart(2, '0')}`,
    opened_at: openedAt(row, a.age),
  };
  if (row % 97 === 0) attributes.balance = String(a.balance);
  if (row % 89 === 0) delete attributes.age;
  if (row % 83 === 0) attributes.job = null;
  if (row % 79 === 0) attributes.housing = a.housing ? 'yes' : 'no';
  if (row % 73 === 0) attributes.last_contact = row % 2 === 0 ? 'unknown' : '2026-02-30';
  if (row % 71 === 0) attributes.job = a.job.toUpperCase();
  if (row % 67 === 0) attributes.campaign = a.campaign + 0.5;
  return attributes;
}

function openedAt(row: number, age: number): string {
  const instant = new Date(
    bankNow.getTime() - ((age * 97 + (row % 1000)) * DAY + (row % 86_400) * 1000 + (row % 997)),
  );
  const iso = instant.toISOString();
  switch (row % 4) {
    case 0:
      return iso;
    case 1:
      return `${new Date(instant.getTime() + 8 * HOUR).toISOString().slice(0, 23)}+08:00`;
    case 2:
      return iso.slice(0, 19);
    default:
      return `${new Date(instant.getTime() - 5 * HOUR).toISOString().slice(0, 19)}.${String(row % 1_000_000).padStart(6, '0')}-05:00`;
  }
}

function tagsOf(a: BankAttributes): string[] {
  const tags: string[] = [];
  if (a.balance > 10_000) tags.push('vip');
  if (a.housing) tags.push('homeowner');
  if (a.loan) tags.push('borrower');
  if (a.y) tags.push('subscriber');
  if (a.age >= 60) tags.push('senior');
  if (a.job === 'student') tags.push('student');
  if (a.poutcome === 'success') tags.push('responder');
  return tags;
}

function historyOf(a: BankAttributes, row: number): CustomerEvent[] {
  const events: CustomerEvent[] = [];
  const ago = (minutes: number) => new Date(bankNow.getTime() - minutes * 60_000 - (row % 1000));
  for (let j = 0; j < a.campaign % 6; j++) {
    const occurredAt = ago((row * 7919 + j * 104_729) % (90 * 24 * 60));
    const amount = Math.round((Math.abs(a.balance) % 3000) + j * 37 + (a.duration % 200)) / (j === 1 ? 4 : 1);
    events.push({
      name: 'card_txn',
      properties: {
        amount: row % 53 === 0 && j === 0 ? String(amount) : amount,
        merchant: merchants[(row + j) % merchants.length],
        posted_on: new Date(occurredAt.getTime() + DAY).toISOString().slice(0, 10),
      },
      occurredAt,
    });
  }
  for (let j = 0; j < a.day % 4; j++) {
    events.push({
      name: 'login',
      properties: { channel: channels[(row + j) % 3] },
      occurredAt: ago((row * 31 + j * 7777) % (90 * 24 * 60)),
    });
  }
  if (a.y)
    events.push({
      name: 'deposit',
      properties: { amount: a.balance, term_months: 3 + (row % 4) * 3 },
      occurredAt: ago((row * 13) % (60 * 24 * 60)),
    });
  // Exactly on the 7- and 30-day window edges, exactly now, and one in the future.
  const edge = [7 * DAY, 30 * DAY, 0, -HOUR][row % 50];
  if (edge !== undefined)
    events.push({
      name: 'login',
      properties: { channel: 'app' },
      occurredAt: new Date(bankNow.getTime() - edge),
    });
  return events;
}

/** Event rows for the `events` table. */
export function eventRows(customers: readonly BankFixtureCustomer[]): EventRow[] {
  return customers.flatMap((c) => c.events.map((e) => ({ customerId: c.id, ...e })));
}

/** Field catalog for `arbitraryCondition`, with examples drawn from every 150th customer. */
export function bankCatalog(customers: readonly BankFixtureCustomer[]): FieldCatalog {
  const sample = customers.filter((_, i) => i % 150 === 0);
  const examples = (field: string) =>
    sample.map((c) => c.attributes[field]).filter((v) => v !== undefined && v !== null);
  const attributes: Record<string, FieldSpec> = {};
  for (const [field, valueType] of Object.entries(bankAttributeTypes))
    attributes[field] = { valueType, examples: examples(field) };
  attributes.last_contact = { valueType: 'date', examples: examples('last_contact') };
  attributes.opened_at = { valueType: 'date', examples: examples('opened_at') };
  const propertyExamples = (event: string, property: string) =>
    sample.flatMap((c) => c.events.filter((e) => e.name === event).map((e) => e.properties[property]));
  return {
    attributes,
    tags: ['vip', 'homeowner', 'borrower', 'subscriber', 'senior', 'student', 'responder'],
    events: {
      card_txn: {
        amount: { valueType: 'number', examples: propertyExamples('card_txn', 'amount') },
        merchant: { valueType: 'string', examples: merchants },
        posted_on: { valueType: 'date', examples: propertyExamples('card_txn', 'posted_on') },
      },
      login: { channel: { valueType: 'string', examples: channels } },
      deposit: {
        amount: { valueType: 'number', examples: propertyExamples('deposit', 'amount') },
        term_months: { valueType: 'number', examples: [3, 6, 9, 12] },
      },
    },
  };
}
