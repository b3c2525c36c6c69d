// Shared by every end-to-end test: any page a test opens fails it on a console error or an uncaught
// exception, and an accessibility check with axe-core.
import { test as base, expect } from '@playwright/test';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { lastCode, messagesFrom } from './outbox.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export const test = base.extend({
  // Browser messages and uncaught errors a test provokes on purpose (a 500 it injected logs "Failed
  // to load resource").
  allowedConsole: [[], { option: true }],
  // Every page a test opens fails it on a console error or an uncaught exception: the fixture's own
  // page, and any other the test opens in the same context, from `browser`, or in a persistent
  // context from `playwright.chromium`.
  consoleProblems: [async ({ context, browser, playwright, allowedConsole }, use) => {
    const problems = [];
    const watchPage = (page) => {
      page.on('console', (message) => {
        const text = message.text();
        if (message.type() === 'error' && !allowedConsole.some((pattern) => pattern.test(text))) problems.push(`${page.url()}: ${text}`);
      });
      page.on('pageerror', (error) => {
        if (!allowedConsole.some((pattern) => pattern.test(error.message))) problems.push(`${page.url()}: uncaught: ${error.message}`);
      });
    };
    const watchContext = (watched) => {
      watched.pages().forEach(watchPage);
      watched.on('page', watchPage);
      return watched;
    };
    watchContext(context);
    // `browser.newPage` opens its page through `browser.newContext`, so both are covered.
    const openers = [[browser, 'newContext'], [playwright.chromium, 'launchPersistentContext']];
    for (const [owner, name] of openers) {
      const original = owner[name];
      owner[name] = async (...args) => watchContext(await original.apply(owner, args));
    }
    await use(problems);
    for (const [owner, name] of openers) delete owner[name]; // back to the prototype's method
    expect(problems, 'console errors and uncaught exceptions').toEqual([]);
  }, { auto: true }],
  page: async ({ page, javaScriptEnabled }, use) => {
    // Every page is prerendered; the tests are about the app, so a page load waits for the app to
    // take over from the static copy (it removes #prerendered as it starts).
    for (const method of javaScriptEnabled ? ['goto', 'reload'] : []) {
      const original = page[method].bind(page);
      page[method] = async (...args) => {
        const response = await original(...args);
        await page.waitForFunction(() => !document.getElementById('prerendered'));
        return response;
      };
    }
    await use(page);
  },
});

/** Records every Content-Security-Policy violation on the page, for `violations(page)`. */
export async function watchPolicy(page) {
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`),
    );
  });
}
export const violations = (page) => page.evaluate(() => window.cspViolations);

export { expect };

/** Fails on any serious or critical axe-core violation on the page as it is now. */
export async function expectAccessible(page) {
  // Evaluated rather than added as a script tag, which the site's Content-Security-Policy refuses.
  await page.evaluate(readFileSync(axePath, 'utf8'));
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = results.violations
    .filter((violation) => ['serious', 'critical'].includes(violation.impact))
    .map((violation) => `${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target).join(', ')}`);
  expect(serious).toEqual([]);
}

/** The headline cards currently listed. */
export const stories = (page) => page.locator('ol.stories article');

/** The contact service started by playwright.config.mjs (contact-harness.mjs). */
export const CONTACT_SERVICE = 'http://127.0.0.1:4300';

/** Points the app at the test contact service, as a deployer would by editing contact.json. */
export async function useContactService(page) {
  await page.route('**/contact.json', (route) => route.fulfill({ json: { service: CONTACT_SERVICE } }));
}

/** A request to the service as the site's page makes it (the service refuses other origins). */
export const callService = (path, body) =>
  fetch(`${CONTACT_SERVICE}${path}`, {
    method: 'POST',
    headers: { origin: 'http://127.0.0.1:4173', 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });

/**
 * The last code the service emailed to `email` (read from its outbox folder), waiting briefly for
 * the first one when the request for it is still under way.
 */
export async function codeSentTo(email) {
  for (let waited = 0; !lastCode(email) && waited < 5000; waited += 50) {
    await new Promise((done) => setTimeout(done, 50));
  }
  const code = lastCode(email);
  if (!code) throw new Error(`no code email to ${email} in the outbox`);
  return code;
}

/**
 * The messages the service delivered to the newsroom from `email`. Delivery follows the answer
 * by a moment (the outbox), so this first waits, briefly, for every accepted message to land.
 */
export async function deliveredFrom(email, { expected } = {}) {
  for (let waited = 0; expected !== undefined && messagesFrom(email).length < expected && waited < 5000; waited += 50) {
    await new Promise((done) => setTimeout(done, 50));
  }
  return messagesFrom(email);
}

/** A fresh address per test, so tests running side by side never share codes or rate limits. */
export const freshEmail = (testInfo) => `reader.${testInfo.workerIndex}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.org`;
