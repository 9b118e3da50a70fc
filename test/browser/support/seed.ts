import { readBankCustomers } from '@waymark/db/demo';
import type { RunningProduct } from './app-server.ts';

export interface Seeded {
  customers: { id: string; balance: number }[];
  connectorId: string;
  templateId: string;
  templateName: string;
}

async function ok(product: RunningProduct, method: string, url: string, body?: unknown): Promise<unknown> {
  const answer = await product.adminRequest(method, url, body);
  if (answer.status >= 300)
    throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json;
}

/**
 * What a bank has before a planner starts: the first `count` customers of the real data set (and
 * its richest ones), an
 * SMS connector and one SMS template. Set up through the API as an admin (the browser test is
 * about the planner's work, not about this).
 */
export async function seedBank(product: RunningProduct, count = 200): Promise<Seeded> {
  const customers = [];
  // The first `count` rows, plus every customer with a large balance so "balance > 50,000" finds someone.
  for await (const customer of readBankCustomers()) {
    if (customers.length >= count && customer.attributes.balance <= 50_000) continue;
    customers.push({
      id: customer.id,
      attributes: customer.attributes,
      name: customer.name,
      phone: customer.phone,
      email: `${customer.id.toLowerCase()}@example.cn`,
      idNumber: customer.idNumber,
      tags: customer.attributes.balance > 5000 ? ['vip'] : [],
    });
  }
  await ok(product, 'POST', '/customers/batch', { customers });
  await ok(product, 'POST', '/connectors', {
    id: 'sms-main',
    kind: 'http-sms-gateway',
    channel: 'sms',
    name: 'SMS gateway',
  });
  const templateName = 'Wealth offer (SMS)';
  const template = (await ok(product, 'POST', '/templates', {
    name: templateName,
    channel: 'sms',
    locale: 'zh-CN',
    body: '【Waymark银行】{{customer.name}}您好，您的账户刚到账 {{event.amount}} 元，稳健理财 7 天起存。拒收请回复R',
  })) as { id: string };
  return {
    customers: customers.map((c) => ({ id: c.id, balance: c.attributes.balance })),
    connectorId: 'sms-main',
    templateId: template.id,
    templateName,
  };
}
