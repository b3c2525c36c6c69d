// Prints the first-load weight of the release build: every request Chromium makes to show the front
// page from dist/, brotli-compressed as a CDN would serve it, grouped by kind, against the budget.
//   node tests/e2e/weigh.mjs        (after `trunk build --release`)
import { chromium } from '@playwright/test';
import { args, executablePath } from './chromium.mjs';
import { spawn } from 'node:child_process';
import { brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const BUDGET_KIB = 150;
const port = 4174;
const here = fileURLToPath(new URL('.', import.meta.url));
const server = spawn('node', [`${here}serve.mjs`, `${here}../../dist`, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => server.stdout.once('data', resolve));

const kindOf = (url, type) => {
  const path = new URL(url).pathname;
  if (path.startsWith('/edition/')) return `edition ${path.replace('/edition/', '')}`;
  if (path.endsWith('.wasm')) return 'wasm';
  if (path.endsWith('.js')) return 'js';
  if (path.endsWith('.css')) return 'css';
  if (type === 'document') return 'html';
  return path.replace(/^\//, '');
};

const browser = await chromium.launch({ executablePath, args });
try {
  const page = await browser.newPage();
  // One entry per response, settled only once its body has been read and weighed: the table waits
  // for all of them, so a late response cannot be left out.
  const weighed = [];
  page.on('response', (response) => weighed.push((async () => {
    const redirect = response.status() >= 300 && response.status() < 400; // no body to weigh
    const body = redirect ? Buffer.alloc(0) : await response.body();
    const compressed = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    return { kind: kindOf(response.url(), response.request().resourceType()), raw: body.length, brotli: compressed.length };
  })()));
  await page.goto(`http://127.0.0.1:${port}/`);
  // Until the app has taken over from the prerendered page and drawn the edition itself.
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  await page.locator('ol.stories article').first().waitFor();
  await page.waitForLoadState('networkidle');
  const rows = await Promise.all(weighed);

  const kib = (bytes) => (bytes / 1024).toFixed(1);
  const order = ['html', 'js', 'wasm', 'css'];
  rows.sort((a, b) => ((order.indexOf(a.kind) + 1 || 9) - (order.indexOf(b.kind) + 1 || 9)) || a.kind.localeCompare(b.kind));
  console.log('| request | raw KiB | brotli KiB |');
  console.log('|---|---:|---:|');
  for (const row of rows) console.log(`| ${row.kind} | ${kib(row.raw)} | ${kib(row.brotli)} |`);
  const total = rows.reduce((sum, row) => sum + row.brotli, 0);
  const raw = rows.reduce((sum, row) => sum + row.raw, 0);
  console.log(`| **total** | ${kib(raw)} | **${kib(total)}** |`);
  // Reported, not enforced: the run does not fail on it (see the README's "First-load weight").
  console.log(`\nBudget ${BUDGET_KIB} KiB brotli: ${total / 1024 <= BUDGET_KIB ? 'within' : 'OVER'} by ${kib(Math.abs(BUDGET_KIB * 1024 - total))} KiB (reported, not enforced).`);
} finally {
  await browser.close();
  server.kill();
}
