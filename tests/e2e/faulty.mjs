// The fixtures of the specs that run against faulty-server.mjs (faults.spec.mjs, takeover.spec.mjs):
// each worker runs its own faulty server on port 4210 + its index, serving dist/ as serve.mjs does
// (same `_headers`, so the strict Content-Security-Policy applies); every test starts with an empty
// fault table and sets its faults with POST /_faults.
import { test as base, expect } from './fixtures.mjs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export const test = base.extend({
  faultyServer: [
    async ({}, use, workerInfo) => {
      const port = 4210 + workerInfo.parallelIndex;
      const server = spawn('node', [join(here, 'faulty-server.mjs'), join(here, '../../dist'), String(port)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise((resolve, reject) => {
        server.stdout.once('data', resolve);
        server.once('exit', (code) => reject(new Error(`faulty-server.mjs on ${port} exited with ${code}`)));
      });
      await use(`http://127.0.0.1:${port}`);
      server.kill();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ faultyServer }, use) => use(faultyServer),
  /** `await faults({ '/edition/index.json': '500' })` replaces the fault table; `faults({})` clears it. */
  faults: async ({ faultyServer }, use) => {
    const set = async (table) => {
      const response = await fetch(`${faultyServer}/_faults`, { method: 'POST', body: JSON.stringify(table) });
      if (!response.ok) throw new Error(await response.text());
    };
    await set({});
    await use(set);
    await set({});
  },
});

export { expect };

// Chromium reports each failed request on the console itself; a case allows only those it provokes.
export const chromium = {
  404: /^Failed to load resource: the server responded with a status of 404 \(Not Found\)$/,
  500: /^Failed to load resource: the server responded with a status of 500 \(Internal Server Error\)$/,
  cutShort: /^Failed to load resource: net::ERR_CONTENT_LENGTH_MISMATCH$/,
  reset: /^Failed to load resource: net::ERR_(CONNECTION_RESET|EMPTY_RESPONSE)$/,
};

/**
 * Loads `path` without waiting for the app to take over (fixtures.mjs's `page.goto` waits for
 * that), for pages whose prerendered copy must stay: the page's own, unwrapped `goto`.
 */
export const openStatic = (page, path) => Object.getPrototypeOf(page).goto.call(page, path);

/** The calm notice a prerendered page shows when the app could not refresh it. */
export const staleNotice = (page) => page.locator('#prerendered .page-notice');
