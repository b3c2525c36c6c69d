// Offline from the first visit (no reload), saved articles with their pictures, what the worker
// answers for files that are not the app's pages, the update prompt and installability. Each test
// serves its own copy of dist/ (so a test can deploy "a second build" into it) with the service
// worker allowed.
import { test, expect, stories } from './fixtures.mjs';
import { args, executablePath } from './chromium.mjs';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
test.use({ serviceWorkers: 'allow', allowedConsole: [/^Failed to load resource/] });

async function site(port) {
  const dir = mkdtempSync(join(tmpdir(), 'gazette-site-'));
  cpSync(join(here, '../../dist'), dir, { recursive: true });
  const server = spawn('node', [join(here, 'serve.mjs'), dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => server.stdout.once('data', resolve));
  return {
    dir,
    url: `http://127.0.0.1:${port}`,
    // Playwright's offline mode does not reach the service worker's own requests, so going offline
    // also takes the server away.
    unplug: () => new Promise((resolve) => server.once('exit', resolve).kill()),
    stop: () => {
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** First visit, then a reload so the installed worker controls the page. */
async function visitOnline(page, url) {
  await page.goto(`${url}/`);
  await expect(stories(page).first()).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  await expect(stories(page)).toHaveCount(18);
}

test('after one online visit, Gazette keeps working offline', async ({ page, context }) => {
  const { url, unplug, stop } = await site(4191);
  try {
    await visitOnline(page, url);
    await page.locator('a[href="/articles/mathematics-in-machine-learning/"]').first().click();
    await expect(page.locator('.article-body')).toBeVisible();
    await page.goto(`${url}/articles/court-weighs-training-data-copyright-claim/`);
    await page.getByRole('button', { name: 'Save for offline' }).click();
    await expect(page.getByRole('button', { name: /Saved for offline/ })).toHaveAttribute('aria-pressed', 'true');
    await page.goto(`${url}/`); // leave the saved article unread from here on: it must come from the saved cache

    await context.setOffline(true);
    await unplug();
    await page.reload();
    await expect(stories(page)).toHaveCount(18);
    await expect(page.locator('.connection-offline')).toContainText(/^(You're offline\.|The newsroom can't be reached\.)/);
    await expect(page.locator('.connection-offline')).toContainText(/Showing the edition as fetched \d+ \w+ \d{4}, \d\d:\d\d GMT/);

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Policy' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Policy' })).toBeVisible();
    await expect(stories(page).first()).toBeVisible();

    await page.goto(`${url}/articles/mathematics-in-machine-learning/`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/mathematic/i);

    await page.goto(`${url}/articles/tribunal-rules-on-algorithmic-management/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Not available offline' })).toBeVisible();
    await expect(page.getByText("This article isn't available offline.")).toBeVisible();

    await page.goto(`${url}/saved/`);
    const saved = page.locator('.saved-list article');
    await expect(saved).toHaveCount(1);
    await saved.locator('.story-title a').click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/court/i);

    await page.goto(`${url}/contact/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Contact the newsroom' })).toBeVisible();
    // The build under test names the contact service; its form opens offline, ready to keep a draft.
    await expect(page.getByLabel('Your email address')).toBeVisible();
  } finally {
    stop();
  }
});

/** Waits until the worker installed by this first visit controls the page: no reload. */
async function controlled(page) {
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 15_000 }).toBe(true);
}

/** The paths a cache of the site holds. */
const cached = (page, name) => page.evaluate((name) =>
  caches.open(name).then((cache) => cache.keys()).then((keys) => keys.map((key) => new URL(key.url).pathname)), name);

const PICTURED = '/articles/mathematics-in-machine-learning/';
const PICTURE = '/edition/images/mathematics-in-machine-learning.svg';

/** The article's picture has arrived and been drawn. */
async function pictureShown(page) {
  const picture = page.locator('.article-body img');
  await picture.scrollIntoViewIfNeeded();
  await expect.poll(() => picture.evaluate((img) => img.complete && img.naturalWidth)).toBe(640);
}

test('a true first visit, with no reload, is enough to read offline: what the first page fetched is kept', async ({ page, context }) => {
  const { url, unplug, stop } = await site(4196);
  try {
    // The first page of the visit is an article with a picture; everything it fetches, it fetches
    // before any worker exists.
    await page.goto(`${url}${PICTURED}`);
    await pictureShown(page);
    await controlled(page);
    await expect.poll(() => cached(page, 'gazette-edition'), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['/edition/articles/mathematics-in-machine-learning.json', PICTURE]));
    // Then the front page, inside the app, with its older stories.
    await page.getByRole('link', { name: 'Gazette', exact: true }).first().click();
    await expect(stories(page)).toHaveCount(18);
    await expect.poll(() => cached(page, 'gazette-edition')).toContain('/edition/index/1.json');

    await context.setOffline(true);
    await unplug();
    await page.goto(`${url}/`);
    await expect(stories(page)).toHaveCount(18);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Research' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Research' })).toBeVisible();
    await expect(stories(page).first()).toBeVisible();
    await page.goto(`${url}${PICTURED}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/mathematic/i);
    await pictureShown(page);
  } finally {
    stop();
  }
});

test('an article saved on a first visit keeps its pictures offline', async ({ page, context }) => {
  const { url, unplug, stop } = await site(4197);
  try {
    await page.goto(`${url}${PICTURED}`);
    await controlled(page);
    await page.getByRole('button', { name: 'Save for offline' }).click();
    await expect(page.getByRole('button', { name: /Saved for offline/ })).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => cached(page, 'gazette-saved'))
      .toEqual(expect.arrayContaining(['/edition/articles/mathematics-in-machine-learning.json', PICTURE]));
    // Only the saved cache may answer for it from here on.
    await page.evaluate(() => caches.delete('gazette-edition'));

    await context.setOffline(true);
    await unplug();
    await page.goto(`${url}/saved/`);
    await page.locator('.saved-list article .story-title a').click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/mathematic/i);
    await pictureShown(page);
  } finally {
    stop();
  }
});

test.describe('under the worker', () => {
  // Chromium shows an XML file with a viewer of its own, whose inline styles the site's policy
  // refuses (and reports): that is the feed arriving as XML.
  // (One pattern: Playwright would read a second element as the option's settings.)
  test.use({ allowedConsole: [/^Failed to load resource|^Applying inline style violates the following Content Security Policy directive 'style-src 'self''/] });
  test('the feed, the sitemap and robots.txt come as themselves, and pages name their own address', async ({ page }) => {
    const { url, stop } = await site(4198);
    try {
      await visitOnline(page, url);
      for (const [path, root] of [['/feed.xml', '<feed xmlns="http://www.w3.org/2005/Atom">'], ['/sitemap.xml', '<urlset ']]) {
        const response = await page.goto(`${url}${path}`);
        expect(response.fromServiceWorker(), path).toBe(true);
        expect(response.headers()['content-type'], path).toMatch(/xml/);
        expect(await response.text(), path).toContain(root);
      }
      const robots = await page.goto(`${url}/robots.txt`);
      expect(robots.fromServiceWorker()).toBe(true);
      expect(await robots.text()).toContain('Sitemap: https://gazette.example/sitemap.xml');
      // A page the worker answers with the app shell names its own address, not the shell's.
      await page.goto(`${url}${PICTURED}`);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(/mathematic/i);
      await expect(page.locator('link[rel=canonical]')).toHaveAttribute('href', `https://gazette.example${PICTURED}`);
      await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', `https://gazette.example${PICTURED}`);
    } finally {
      stop();
    }
  });
});

test('saved articles can be removed', async ({ page }) => {
  const { url, stop } = await site(4192);
  try {
    await visitOnline(page, url);
    await page.goto(`${url}/articles/mathematics-in-machine-learning/`);
    await page.getByRole('button', { name: 'Save for offline' }).click();
    await expect(page.getByRole('button', { name: /Saved for offline/ })).toBeVisible();
    const savedFiles = () => page.evaluate(() =>
      caches.open('gazette-saved').then((cache) => cache.keys()).then((keys) => keys.map((key) => new URL(key.url).pathname)));
    await expect.poll(savedFiles).toEqual(expect.arrayContaining(['/edition/articles/mathematics-in-machine-learning.json', PICTURE]));
    await page.goto(`${url}/saved/`);
    await expect(page.locator('.saved-list article')).toHaveCount(1);
    await page.getByRole('button', { name: /^Remove/ }).click();
    await expect(page.getByText('Nothing saved yet.')).toBeVisible();
    await expect.poll(savedFiles).toEqual([]);
  } finally {
    stop();
  }
});

test('removing a saved article keeps the pictures another saved article shows', async ({ page }) => {
  const { dir, url, stop } = await site(4199);
  try {
    // A second article showing the same picture, as two stories on one subject may.
    const file = (slug) => join(dir, 'edition/articles', `${slug}.json`);
    const maths = JSON.parse(readFileSync(file('mathematics-in-machine-learning'), 'utf8'));
    const other = JSON.parse(readFileSync(file('benchmark-contamination-inflates-scores'), 'utf8'));
    other.body.push(maths.body.find((block) => block.type === 'image'));
    writeFileSync(file('benchmark-contamination-inflates-scores'), JSON.stringify(other));

    await visitOnline(page, url);
    for (const slug of ['mathematics-in-machine-learning', 'benchmark-contamination-inflates-scores']) {
      await page.goto(`${url}/articles/${slug}/`);
      await page.getByRole('button', { name: 'Save for offline' }).click();
      await expect(page.getByRole('button', { name: /Saved for offline/ })).toBeVisible();
    }
    const savedFiles = () => page.evaluate(() =>
      caches.open('gazette-saved').then((cache) => cache.keys()).then((keys) => keys.map((key) => new URL(key.url).pathname).sort()));
    const otherFile = '/edition/articles/benchmark-contamination-inflates-scores.json';
    await expect.poll(savedFiles).toEqual(['/edition/articles/mathematics-in-machine-learning.json', otherFile, PICTURE].sort());

    await page.goto(`${url}/saved/`);
    await page.getByRole('button', { name: /^Remove .Mathematics/ }).click();
    await expect(page.locator('.saved-list article')).toHaveCount(1);
    await expect.poll(savedFiles).toEqual([otherFile, PICTURE].sort());
    // The picture goes with the last article that shows it.
    await page.getByRole('button', { name: /^Remove/ }).click();
    await expect(page.getByText('Nothing saved yet.')).toBeVisible();
    await expect.poll(savedFiles).toEqual([]);
  } finally {
    stop();
  }
});

test('a new build offers "Refresh", never reloads by itself, and Refresh loads it', async ({ page }) => {
  const { dir, url, stop } = await site(4193);
  try {
    await visitOnline(page, url);
    // Deploy a second build in place of the first: a new shell and a new worker.
    const shell = readFileSync(join(dir, 'shell.html'), 'utf8').replace('<head>', '<head><meta name="gazette-build" content="second">');
    writeFileSync(join(dir, 'shell.html'), shell);
    const worker = readFileSync(join(dir, 'sw.js'), 'utf8').replace(/const VERSION = '[0-9a-f]{16}';/, "const VERSION = 'second';");
    expect(worker).toContain("const VERSION = 'second';");
    writeFileSync(join(dir, 'sw.js'), worker);

    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration.update()));
    const prompt = page.locator('.connection-update');
    await expect(prompt).toContainText('New edition available.');
    await expect(page.locator('meta[name=gazette-build]')).toHaveCount(0);
    await prompt.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.locator('meta[name=gazette-build]')).toHaveAttribute('content', 'second');
    await expect(stories(page).first()).toBeVisible();
    await expect(page.locator('.connection-update')).toHaveCount(0);
  } finally {
    stop();
  }
});

test('Chromium finds the app installable', async ({ playwright }) => {
  const { url, stop } = await site(4194);
  // Not in a private (incognito) window, where nothing is installable.
  const profile = mkdtempSync(join(tmpdir(), 'gazette-profile-'));
  const context = await playwright.chromium.launchPersistentContext(profile, { executablePath, args });
  try {
    const page = await context.newPage();
    await visitOnline(page, url);
    const client = await page.context().newCDPSession(page);
    // The same check Lighthouse's "installable-manifest" audit reports.
    const { installabilityErrors } = await client.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await (await page.request.get(`${url}/manifest.webmanifest`)).json();
    expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    stop();
  }
});

test("Lighthouse's installability audit passes", async () => {
  test.setTimeout(120_000);
  const { dir, url, stop } = await site(4195);
  try {
    // Lighthouse 11: version 12 dropped the PWA audits.
    const report = join(dir, 'lighthouse.json');
    execFileSync(join(here, 'node_modules/.bin/lighthouse'), [
      `${url}/`, '--only-audits=installable-manifest', '--output=json', `--output-path=${report}`, '--quiet',
      `--chrome-flags=--headless=new ${args.join(' ')}`,
    ], { env: { ...process.env, CHROME_PATH: executablePath }, stdio: 'inherit' });
    const audit = JSON.parse(readFileSync(report, 'utf8')).audits['installable-manifest'];
    expect(audit.explanation ?? '').toBe('');
    expect(audit.score).toBe(1);
  } finally {
    stop();
  }
});
