import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProduct, startProduct } from './support/app-server.ts';
import { launchBrowser, newPage, screenshot, signIn } from './support/browser.ts';
import { poll } from './support/poll.ts';
import { type Seeded, seedBank } from './support/seed.ts';
import { ensureWebBuild } from './support/web-build.ts';

let product: RunningProduct;
let browser: Browser;
let seeded: Seeded;

beforeAll(async () => {
  product = await startProduct(await ensureWebBuild());
  seeded = await seedBank(product, 30);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
});

describe('customers and templates pages', { timeout: 180_000 }, () => {
  it('finds a customer, shows personal data masked, and the profile with its timeline', async () => {
    const customer = seeded.customers[2];
    if (!customer) throw new Error('no customers seeded');
    await product.adminRequest('POST', '/events', {
      events: [
        {
          eventId: 'evt-browser-1',
          customerId: customer.id,
          name: 'large_deposit',
          properties: { amount: 88_000 },
          occurredAt: new Date().toISOString(),
        },
      ],
    });
    const page = await newPage(browser);
    await signIn(page, product.url, await product.addUser(['planner']));
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByLabel('Search customers').fill(customer.id);
    const row = page.locator('tbody tr', { hasText: customer.id });
    await row.waitFor();
    // The planner's role sees names and phones masked, never in clear.
    const phone = await row.locator('td').nth(2).textContent();
    expect(phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(await row.locator('td').nth(1).textContent()).toContain('*');
    await screenshot(page, 'customers-search');

    await row.click();
    await poll(() => page.locator('h1').textContent()).toContain(customer.id);
    await poll(() => page.locator('.timeline').textContent()).toContain('large_deposit');
    expect(await page.locator('.timeline').textContent()).toContain('amount=88000');
    expect(await page.locator('.facts').textContent()).toContain(customer.balance.toLocaleString('en'));
    // The e-mail address is personal data too: the planner sees the domain, not the mailbox.
    expect(await page.locator('.facts').textContent()).toContain('c***@example.cn');
    await screenshot(page, 'customer-profile');
  });

  it('edits a template with highlighting and a live preview for a real customer, and reports a conflict', async () => {
    const customer = seeded.customers[0];
    if (!customer) throw new Error('no customers seeded');
    const page = await newPage(browser);
    await signIn(page, product.url, await product.addUser(['planner']));
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.locator('tbody tr', { hasText: seeded.templateName }).click();
    const script = page.getByLabel('Script', { exact: true });
    await poll(() => script.inputValue()).toContain('{{customer.name}}');

    await script.fill('尊敬的{{customer.name}}，您的余额为 {{attributes.balance}} 元。{{#if');
    await page.getByLabel('Find a customer by id or phone…').fill(customer.id);
    const pick = page.locator('.preview-results button', { hasText: customer.id });
    // The preview fills in what the planner may see: the masked name the search showed.
    const shownName = ((await pick.textContent()) ?? '').replace(customer.id, '').trim();
    expect(shownName).toContain('*');
    await pick.click();
    // An unfinished block is marked in the editor and explained in the preview, in words.
    expect(await page.locator('.hb-unclosed').count()).toBe(1);
    await poll(() => page.locator('[data-testid="script-preview"] [role="alert"]').textContent()).toContain(
      'Line 1',
    );

    expect(await page.locator('[data-testid="script-problems"]').textContent()).toContain('Line 1');
    await script.fill('{{shout customer.name}}');
    await poll(() => page.locator('[data-testid="script-problems"]').textContent()).toContain(
      'uses a helper that does not exist',
    );

    await script.fill('尊敬的{{customer.name}}，您的余额为 {{attributes.balance}} 元。');
    await poll(() => page.locator('[data-testid="script-problems"]').count()).toBe(0);
    await poll(() => page.locator('[data-testid="preview-text"]').textContent()).toBe(
      `尊敬的${shownName}，您的余额为 ${customer.balance} 元。`,
    );
    expect(await page.locator('.hb-expression').count()).toBe(2);
    await screenshot(page, 'template-preview');

    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.locator('[role="status"]').allTextContents()).toContainEqual('Template saved.');

    // Someone else saves meanwhile: the next save is refused with a clear message, the text stays.
    const current = (await product.adminRequest('GET', `/templates/${seeded.templateId}`)).json as Record<
      string,
      unknown
    >;
    await product.adminRequest('PUT', `/templates/${seeded.templateId}`, {
      name: current.name,
      channel: current.channel,
      locale: current.locale,
      subject: current.subject,
      body: 'someone else',
      revision: current.revision,
    });
    await script.fill('我的新话术 {{customer.name}}');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.locator('.banner-warning').textContent()).toContain(
      'Someone else saved this template',
    );
    expect(await script.inputValue()).toBe('我的新话术 {{customer.name}}');
  });
});
