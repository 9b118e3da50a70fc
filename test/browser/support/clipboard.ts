import type { Page } from 'playwright-core';

/**
 * The few browser globals the clipboard helpers touch, typed here because this package is
 * typechecked for Node (no DOM library); the functions run inside the page.
 */
interface PageGlobals {
  DataTransfer: new () => { setData(type: string, data: string): void; getData(type: string): string };
  ClipboardEvent: new (type: string, init: { clipboardData: unknown; bubbles: boolean }) => unknown;
  document: { dispatchEvent(event: unknown): boolean };
}

/** Pastes text as the browser does on Ctrl+V (a paste event carrying the text). */
export async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((data) => {
    const w = globalThis as unknown as PageGlobals;
    const transfer = new w.DataTransfer();
    transfer.setData('text/plain', data);
    w.document.dispatchEvent(new w.ClipboardEvent('paste', { clipboardData: transfer, bubbles: true }));
  }, text);
}

/** Copies the selection as the browser does on Ctrl+C, returning what the app put on the clipboard. */
export async function copy(page: Page): Promise<string> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    const transfer = new w.DataTransfer();
    w.document.dispatchEvent(new w.ClipboardEvent('copy', { clipboardData: transfer, bubbles: true }));
    return transfer.getData('text/plain');
  });
}
