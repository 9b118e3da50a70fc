import {
  starterConnectorChannels,
  starterJourneys,
  starterSegments,
  starterTemplates,
} from '@waymark/journey';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProduct, startProduct } from './support/app-server.ts';
import { launchBrowser, newPage, screenshot, signIn } from './support/browser.ts';
import { poll } from './support/poll.ts';
import { ensureWebBuild } from './support/web-build.ts';

let product: RunningProduct;
let browser: Browser;

beforeAll(async () => {
  product = await startProduct(await ensureWebBuild());
  browser = await launchBrowser();
  // The bank already has the starters' templates (by their Chinese names), connectors and segments.
  for (const template of starterTemplates) {
    const answer = await product.adminRequest('POST', '/templates', {
      name: template.name['zh-CN'],
      channel: template.channel,
      body: template.suggestedBody,
    });
    if (answer.status !== 201) throw new Error(JSON.stringify(answer.json));
  }
  for (const channel of starterConnectorChannels) {
    await product.adminRequest('POST', '/connectors', {
      id: `${channel}-main`,
      kind: 'test',
      channel,
      name: `${channel} main`,
    });
  }
  for (const segment of starterSegments) {
    await product.adminRequest('POST', '/segments', { name: segment.name.en, condition: segment.condition });
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
});

describe('starting from a starter', { timeout: 180_000 }, () => {
  it.each(starterJourneys.map((starter) => [starter.name.en, starter.id]))(
    '%s opens bound to the bank’s templates, connectors and segments, laid out top to bottom, ready to publish',
    async (name, id) => {
      const page = await newPage(browser);
      await signIn(page, product.url, await product.addUser(['planner']));
      await page.getByRole('button', { name: 'New journey' }).click();
      await page.locator(`[data-starter="${id}"]`).click();
      expect(await page.getByLabel('Journey name').inputValue()).toBe(name);
      await page.getByRole('button', { name: 'Create journey' }).click();
      await page.locator('.react-flow__node').first().waitFor();
      await poll(() => page.locator('.problems').textContent()).toContain('No problems');
      await poll(() => page.getByRole('button', { name: 'Publish', exact: true }).isEnabled()).toBe(true);
      const starter = starterJourneys.find((candidate) => candidate.id === id);
      expect(await page.locator('.react-flow__node').count()).toBe(starter?.graph.nodes.length);
      // Laid out top to bottom: the trigger sits above every other step.
      const ys = await page.locator('.react-flow__node').evaluateAll((nodes) =>
        nodes.map((node) => ({
          trigger: node.querySelector('[data-node-type^="trigger."]') !== null,
          y: node.getBoundingClientRect().y,
        })),
      );
      const triggerY = Math.min(...ys.filter((n) => n.trigger).map((n) => n.y));
      expect(ys.filter((n) => !n.trigger).every((n) => n.y > triggerY)).toBe(true);
      await screenshot(page, `starter-${id}`);
    },
  );
});
