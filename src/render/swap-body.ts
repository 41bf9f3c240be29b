/**
 * The next document in a page that already holds its head (page-parts.ts): the title's text, the
 * body's attributes and its content are replaced, the head — fonts decoded, stylesheets parsed —
 * stays. The new body is parsed by Chromium's HTML parser (a body fragment), so the page holds
 * the same tree as after `setContent` of the whole page, and prints the same PDF (tests compare
 * the bytes).
 */
import type { Page } from 'puppeteer-core/internal/api/api.js';
import type { PageParts } from './page-parts.js';

/**
 * Runs in the page (DevTools evaluation works with the page's own scripts disabled). The title and
 * the body's attributes are parsed apart, their entities resolved as in the whole page; the images
 * of the new body, if any, are decoded before the PDF (`setContent` waited for `load`).
 */
const SWAP = `async (title, attributes, body) => {
  const parsed = new DOMParser().parseFromString(
    '<title>' + title + '</title><body' + attributes + '></body>', 'text/html');
  document.querySelector('title').textContent = parsed.querySelector('title').textContent;
  const next = document.createElement('body');
  for (const a of Array.from(parsed.body.attributes)) next.setAttribute(a.name, a.value);
  document.documentElement.replaceChild(next, document.body);
  next.innerHTML = body;
  await Promise.all(Array.from(document.images, (i) => i.decode().catch(() => undefined)));
}`;

export async function swapBody(page: Page, parts: PageParts): Promise<void> {
  const args = [parts.title, parts.bodyAttributes, parts.body].map((a) => JSON.stringify(a));
  await page.evaluate(`(${SWAP})(${args.join(', ')})`);
}
