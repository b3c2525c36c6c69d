// The built site as a deploy serves it: plain static files with no rewrite rules, under the
// headers of its `_headers` file (serve.mjs applies them). Every route is a prerendered page that
// loads directly, the app takes over under the strict Content-Security-Policy, readers without
// JavaScript can read every article, the feed and sitemap list the edition, and a build for a
// sub-path works there.
import { test, expect, stories, watchPolicy, violations } from './fixtures.mjs';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const SITE = 'https://gazette.example/'; // the sample build's public URL, as the feed and sitemap name it

/** The addresses the sitemap lists, as paths on the test server. */
async function sitemapPaths(request, base = '/') {
  const text = await (await request.get(`${base}sitemap.xml`)).text();
  return [...text.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => new URL(loc).pathname);
}

test('every route loads directly from its own file, and the app takes over with no policy violation', async ({ page, request }) => {
  test.setTimeout(90_000); // two dozen pages, each waiting for the app
  await watchPolicy(page);
  const paths = await sitemapPaths(request);
  expect(paths).toContain('/');
  expect(paths).toContain('/contact/');
  expect(paths.filter((path) => path.startsWith('/articles/'))).toHaveLength(18);
  expect(paths.filter((path) => path.startsWith('/sections/'))).toHaveLength(4);
  for (const path of [...paths, '/saved/']) {
    const response = await page.goto(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-security-policy'], path).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
    // The app, not the prerendered copy, now draws the page: one main, with a focused-on-navigation h1.
    await expect(page.locator('main')).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await violations(page), path).toEqual([]);
  }
  await expect(page).toHaveTitle('Saved articles · Gazette');
});

test.describe('an unknown address', () => {
  test.use({ allowedConsole: [/Failed to load resource: the server responded with a status of 404/] });
  test('is a real 404 whose page still becomes the app', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Law' }).click();
  await expect(page).toHaveURL('/sections/law/');
  await expect(stories(page).first()).toBeVisible();
  });
});

test('the app swaps itself in once its page is ready, keeping the reader\'s place', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/edition/index.json', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  // The app has started (its container exists) but has nothing to show yet: the static page stays.
  await expect(page.locator('#app[hidden]')).toHaveCount(1);
  await expect(page.locator('#prerendered .story-title').first()).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 400));
  release();
  await expect(page.locator('#prerendered')).toHaveCount(0);
  await expect(page.locator('#app .story-title').first()).toBeVisible();
  await expect(page.locator('#app')).not.toHaveAttribute('hidden');
  expect(await page.evaluate(() => window.scrollY)).toBe(400);
  await page.close();
});

test('prerendered pages carry their title, description, canonical address and Open Graph tags', async ({ request }) => {
  const html = await (await request.get('/articles/mathematics-in-machine-learning/')).text();
  expect(html).toContain('<title>Mathematics in machine learning moves from proving to explaining · Gazette</title>');
  expect(html).toContain(`<link rel="canonical" href="${SITE}articles/mathematics-in-machine-learning/">`);
  expect(html).toContain('<meta property="og:type" content="article">');
  // Its only picture is an SVG, which link previews ignore: the site's icon stands in.
  expect(html).toContain(`<meta property="og:image" content="${SITE}icons/icon-512.png">`);
  expect(html).toMatch(/<meta name="description" content="For decades, theory told machine learning/);
  expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="Gazette" href="/feed.xml">');
  expect(html).toContain('<meta http-equiv="Content-Security-Policy"');
  // The article's text is in the page itself.
  expect(html).toContain('For most of its history, machine learning treated mathematics as a licence to proceed.');
});

test('after moving inside the app, the canonical address and Open Graph tags follow at once', async ({ page }) => {
  const head = async (path, title) => {
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // The lag this guards against never catches up: the tags stayed one page behind.
    await expect.poll(() => page.evaluate(() => [
      document.querySelector('link[rel=canonical]').href,
      document.querySelector('meta[property="og:url"]').content,
      document.querySelector('meta[property="og:title"]').content,
    ]), { timeout: 2_000 }).toEqual([`${SITE}${path}`, `${SITE}${path}`, expect.stringMatching(title)]);
  };
  await page.goto('/');
  await stories(page).first().locator('h2 a').click();
  await expect(page).toHaveURL('/articles/mathematics-in-machine-learning/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Mathematics');
  await head('articles/mathematics-in-machine-learning/', /^Mathematics in machine learning/);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Law' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Law' })).toBeVisible();
  await head('sections/law/', /^Law/);
  await stories(page).first().locator('h2 a').click();
  await expect(page.locator('.article-body')).toBeVisible();
  const path = new URL(page.url()).pathname.slice(1);
  await head(path, /·/);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Law' })).toBeVisible();
  await head('sections/law/', /^Law/);
});

test('scripts, the stylesheet and the wasm are checked with Subresource Integrity', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const importMap = JSON.parse(html.match(/<script type="importmap">(.*?)<\/script>/)[1]);
  const [[module, integrity]] = Object.entries(importMap.integrity);
  expect(module).toMatch(/^\/gazette-[0-9a-f]{8,16}\.js$/);
  expect(integrity).toMatch(/^sha384-/);
  expect(html).toMatch(/module_or_path: fetch\('\/gazette-[0-9a-f]{8,16}_bg\.wasm', \{ integrity: 'sha384-[^']+' \}\)/);
  for (const link of html.match(/<link rel="(stylesheet|modulepreload|preload)"[^>]*>/g)) {
    expect(link).toMatch(/integrity="sha384-/);
  }
});

test.describe('the wasm under Subresource Integrity', () => {
  // What Chromium reports when it refuses the tampered file, and what follows from the refusal.
  test.use({ allowedConsole: [/integrity|Failed to fetch|WebAssembly/i] });
  // Chromium's refusal names the file (a warning about preload links also mentions integrity).
  const refusal = (text) => /integrity/i.test(text) && /_bg\.wasm/.test(text);
  /** Opens an article with the wasm passed through `change`, without waiting for the app. */
  async function openWith(browser, change) {
    const page = await browser.newPage();
    const messages = [];
    page.on('console', (message) => messages.push(message.text()));
    await page.route(/_bg\.wasm$/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: change(Buffer.from(await response.body())) });
    });
    await page.goto('/articles/mathematics-in-machine-learning/');
    return { page, messages };
  }

  test('a tampered wasm is refused, and the prerendered page stays readable', async ({ browser }) => {
    const { page, messages } = await openWith(browser, (body) => {
      body[body.length - 1] ^= 0xff;
      return body;
    });
    await expect.poll(() => messages.find(refusal)).toBeTruthy();
    await expect(page.locator('#prerendered')).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Mathematics in machine learning');
    await page.close();
  });

  test('the same file untampered, served the same way, takes over', async ({ browser }) => {
    const { page, messages } = await openWith(browser, (body) => body);
    await expect(page.locator('#prerendered')).toHaveCount(0);
    await expect(page.locator('#app .article-body')).toBeVisible();
    expect(messages.filter(refusal)).toEqual([]);
    await page.close();
  });
});

test('hashed files are cached for good; pages, the worker and the edition index are revalidated', async ({ request, page }) => {
  await page.goto('/');
  const module = await page.evaluate(() => document.querySelector('link[rel=modulepreload]').getAttribute('href'));
  expect((await request.get(module)).headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  for (const path of ['/', '/articles/mathematics-in-machine-learning/', '/sw.js', '/edition/index.json', '/404.html']) {
    expect((await request.get(path)).headers()['cache-control'], path).toBe('no-cache');
  }
  const headers = (await request.get('/')).headers();
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).not.toMatch(/unsafe-inline|'unsafe-eval'/);
});

test('no request leaves the site while reading, searching and opening the contact form', async ({ page }) => {
  const origins = new Set();
  page.on('request', (request) => origins.add(new URL(request.url()).origin));
  await page.goto('/');
  await page.getByRole('searchbox').fill('court');
  await stories(page).first().locator('h2 a').click();
  await expect(page.locator('.article-body')).toBeVisible();
  await page.goto('/articles/mathematics-in-machine-learning/');
  await expect(page.locator('.article-body img')).toBeVisible();
  await page.goto('/contact/');
  await expect(page.getByLabel('Your email address')).toBeVisible();
  expect([...origins]).toEqual(['http://127.0.0.1:4173']);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every article can be reached and read', async ({ page, request }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Front page' })).toBeVisible();
    // The archive's newest stories, as the app lists them: here all 18.
    await expect(stories(page)).toHaveCount(18);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Law' }).click();
    await expect(page).toHaveURL('/sections/law/');
    await stories(page).first().getByRole('heading').getByRole('link').click();
    await expect(page.locator('.article-body p').first()).toBeVisible();
    await expect(page.locator('.byline')).toContainText(/^By .+ · \d{1,2} \w+ 2026 · \d+ min read$/);

    const articles = (await sitemapPaths(request)).filter((path) => path.startsWith('/articles/'));
    const linked = new Set();
    for (const section of ['research', 'industry', 'policy', 'law']) {
      await page.goto(`/sections/${section}/`);
      for (const href of await stories(page).locator('h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))) linked.add(href);
    }
    expect([...linked].sort()).toEqual([...articles].sort());
    for (const path of articles) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).not.toBeEmpty();
      expect(await page.locator('.article-body p').count(), path).toBeGreaterThan(2);
    }
  });

  test('the contact page says what needs JavaScript and how else to write', async ({ page }) => {
    await page.goto('/contact/');
    await expect(page.getByText('The contact form needs JavaScript.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'newsroom@gazette.example' })).toBeVisible();
  });
});

test('the Atom feed and the sitemap parse and list the edition', async ({ page, request }) => {
  await page.goto('/');
  const feed = await (await request.get('/feed.xml')).text();
  const sitemap = await (await request.get('/sitemap.xml')).text();
  const parsed = await page.evaluate(([feed, sitemap]) => {
    const parse = (text) => new DOMParser().parseFromString(text, 'application/xml');
    const [atom, map] = [parse(feed), parse(sitemap)];
    return {
      errors: atom.getElementsByTagName('parsererror').length + map.getElementsByTagName('parsererror').length,
      title: atom.querySelector('feed > title').textContent,
      entries: [...atom.querySelectorAll('entry')].map((entry) => ({
        title: entry.querySelector('title').textContent,
        link: entry.querySelector('link').getAttribute('href'),
        updated: entry.querySelector('updated').textContent,
        author: entry.querySelector('author name').textContent,
      })),
      urls: [...map.querySelectorAll('url > loc')].map((loc) => loc.textContent),
    };
  }, [feed, sitemap]);
  expect(parsed.errors).toBe(0);
  expect(parsed.title).toBe('Gazette');
  expect(parsed.entries).toHaveLength(18);
  expect(parsed.entries[0]).toEqual({
    title: 'Mathematics in machine learning moves from proving to explaining',
    link: `${SITE}articles/mathematics-in-machine-learning/`,
    updated: '2026-11-25T00:00:00Z',
    author: 'Mira Castellanos',
  });
  for (const entry of parsed.entries) expect(parsed.urls).toContain(entry.link);
  expect(parsed.urls).toContain(`${SITE}sections/law/`);
});

test.describe('a build for a sub-path', () => {
  // Built by .ci/test with `trunk build --public-url /news/ --dist target/site-news`.
  const dir = join(here, '../../target/site-news');
  let server;
  test.beforeAll(async () => {
    expect(existsSync(join(dir, 'index.html')), `${dir} is missing: .ci/test builds it`).toBe(true);
    server = spawn('node', [join(here, 'serve.mjs'), dir, '4175', '--base', '/news/'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => server.stdout.once('data', resolve));
  });
  test.afterAll(() => server?.kill());

  test('works under /news/: pages, links, the edition, search and the feed', async ({ page, request }) => {
    const origin = 'http://127.0.0.1:4175';
    await watchPolicy(page);
    await page.goto(`${origin}/news/`);
    await expect(stories(page)).toHaveCount(18); // the index and its older chunk, both found under /news/
    await expect(stories(page).first().locator('h2 a')).toHaveAttribute('href', '/news/articles/mathematics-in-machine-learning/');
    await stories(page).first().locator('h2 a').click();
    await expect(page).toHaveURL(`${origin}/news/articles/mathematics-in-machine-learning/`);
    await expect(page.locator('.article-body img')).toHaveAttribute('src', '/news/edition/images/mathematics-in-machine-learning.svg');
    await page.locator('.article-body img').scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('.article-body img').evaluate((img) => img.naturalWidth)).toBe(640);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Policy' }).click();
    await expect(page).toHaveURL(`${origin}/news/sections/policy/`);
    await page.getByRole('searchbox').fill('rules');
    await expect(page).toHaveURL(`${origin}/news/sections/policy/?q=rules`);
    await page.goto(`${origin}/news/articles/court-weighs-training-data-copyright-claim/`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('court', { ignoreCase: true });
    await page.getByRole('link', { name: 'Contact', exact: true }).click();
    await expect(page).toHaveURL(`${origin}/news/contact/`);
    expect(await violations(page)).toEqual([]);

    const feed = await (await request.get(`${origin}/news/feed.xml`)).text();
    expect(feed).toContain('<link rel="self" type="application/atom+xml" href="https://gazette.example/news/feed.xml"/>');
    expect(feed).toContain('href="https://gazette.example/news/articles/mathematics-in-machine-learning/"');
    expect((await request.get(`${origin}/news/no-such-page`)).status()).toBe(404);
  });
});
