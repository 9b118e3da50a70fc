import type { Locator, Page } from 'playwright-core';

/** The canvas node of the given type (the n-th one when there are several). */
export function canvasNode(page: Page, type: string, nth = 0): Locator {
  return page.locator('.react-flow__node', { has: page.locator(`[data-node-type="${type}"]`) }).nth(nth);
}

/** Drags a step from the palette and drops it on the canvas at `at` (pixels inside the canvas). */
export async function dragFromPalette(page: Page, type: string, at: { x: number; y: number }): Promise<void> {
  const before = await page.locator('.react-flow__node').count();
  await page.dragAndDrop(`.palette-item[data-node-type="${type}"]`, '.react-flow__pane', {
    targetPosition: at,
  });
  await page.locator('.react-flow__node').nth(before).waitFor();
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Draws a connection with the mouse, from an exit of one node to the entry of another. */
export async function connectWithMouse(page: Page, from: Locator, port: string, to: Locator): Promise<void> {
  const start = await centre(from.locator(`.react-flow__handle.source[data-handleid="${port}"]`));
  const end = await centre(to.locator('.react-flow__handle.target'));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
}

/** Drags a connection from an exit and lets go over the middle of another step (not its handle). */
export async function dragConnectionOnto(
  page: Page,
  from: Locator,
  port: string,
  to: Locator,
): Promise<void> {
  const start = await centre(from.locator(`.react-flow__handle.source[data-handleid="${port}"]`));
  const end = await centre(to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 8 });
  await page.mouse.up();
}
