import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProduct, startProduct } from './support/app-server.ts';
import { launchBrowser, newPage, screenshot, signIn } from './support/browser.ts';
import { canvasNode, dragFromPalette } from './support/canvas.ts';
import { poll } from './support/poll.ts';
import { seedBank } from './support/seed.ts';
import { ensureWebBuild } from './support/web-build.ts';

let product: RunningProduct;
let browser: Browser;

beforeAll(async () => {
  product = await startProduct(await ensureWebBuild());
  await seedBank(product, 20);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
});

describe('language', { timeout: 180_000 }, () => {
  it('switches the canvas and the inspector to Chinese and remembers the choice', async () => {
    const planner = await product.addUser(['planner']);
    const page = await newPage(browser, 'en-US');
    await signIn(page, product.url, planner);
    await page.getByRole('button', { name: 'New journey' }).click();
    await page.getByLabel('Journey name').fill('语言测试');
    await page.getByRole('button', { name: 'Create journey' }).click();
    await page.locator('.react-flow').waitFor();
    await dragFromPalette(page, 'trigger.event', { x: 160, y: 80 });
    await dragFromPalette(page, 'wait.duration', { x: 160, y: 240 });
    await poll(() => page.locator('.palette').textContent()).toContain('Event trigger');

    await page.getByLabel('Language').first().selectOption('zh-CN');

    // Palette groups and items, node faces, the inspector and the problems list speak Chinese.
    const palette = page.locator('.palette');
    await poll(() => palette.textContent()).toContain('事件触发');
    expect(await palette.textContent()).toContain('等待');
    expect(await palette.textContent()).not.toContain('Event trigger');
    const wait = canvasNode(page, 'wait.duration');
    expect(await wait.textContent()).toContain('等待 1 天');
    await canvasNode(page, 'trigger.event').click();
    const inspector = page.locator('aside.inspector');
    await poll(() => inspector.textContent()).toContain('事件触发');
    expect(await inspector.locator('.field-label').allTextContents()).toContain('事件');
    expect(await inspector.textContent()).toContain('仅当事件满足条件时');
    expect(await page.locator('.problems').textContent()).toMatch(/个问题/);
    expect(await page.locator('.editor-bar').textContent()).toContain('发布');
    await screenshot(page, 'locale-zh-CN-editor');

    // Remembered: a reload comes back in Chinese.
    await page.reload();
    await page.locator('.palette').waitFor();
    await poll(() => page.locator('.palette').textContent()).toContain('事件触发');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('.topnav').textContent()).toContain('客户旅程');
  });

  it('shows server errors in the chosen language', async () => {
    const page = await newPage(browser, 'zh-CN');
    await page.goto(`${product.url}/journeys`);
    await page.locator('input[name="username"]').fill('nobody');
    await page.locator('input[name="password"]').fill('wrong password');
    await page.locator('button[type="submit"]').click();
    await poll(() => page.locator('[role="alert"]').textContent()).toBe('用户名或密码错误。');
    await screenshot(page, 'locale-zh-CN-login-error');
  });
});
