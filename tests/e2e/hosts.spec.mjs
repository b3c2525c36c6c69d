// The deploy recipes, exercised: the sub-path build (target/site-news, built by .ci/test) served
// under /news/ by Debian's nginx, and by Caddy, each with the configuration `press host` writes
// from the build's `_headers`, and the static site's checks run against each, headers included.
import { test, expect, stories, watchPolicy, violations } from './fixtures.mjs';
import { existsSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installed, serve } from './hosts.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = join(here, '../../target/site-news');
const base = '/news/';

/** A GET whose body is left as the server sent it (fetch would decompress it). */
const raw = (url, encoding) => new Promise((resolve, reject) => {
  get(url, { headers: { 'accept-encoding': encoding } }, (response) => {
    const chunks = [];
    response.on('data', (chunk) => chunks.push(chunk));
    response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
  }).on('error', reject);
});

for (const [kind, port] of [['nginx', 4176], ['caddy', 4177]]) {
  test.describe(kind, () => {
    const origin = `http://127.0.0.1:${port}`;
    // nginx is installed by .ci/setup --browser; Caddy is checked where it is installed.
    test.skip(kind === 'caddy' && !installed.caddy, 'Caddy is not installed');
    test.describe.configure({ mode: 'serial' });
    let server;
    test.beforeAll(async () => {
      test.setTimeout(180_000); // press may need compiling first, to write the recipe
      expect(existsSync(join(dist, 'index.html')), `${dist} is missing: .ci/test builds it`).toBe(true);
      server = await serve(kind, dist, port, base);
    });
    test.afterAll(async () => server?.stop());

    /** The sitemap's addresses, as paths on this server. */
    async function sitemapPaths(request) {
      const text = await (await request.get(`${origin}${base}sitemap.xml`)).text();
      return [...text.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => new URL(loc).pathname);
    }

    test('every route loads under the policy, and the app takes over', async ({ page, request }) => {
      test.setTimeout(90_000);
      await watchPolicy(page);
      const paths = await sitemapPaths(request);
      expect(paths.filter((path) => path.startsWith('/news/articles/'))).toHaveLength(18);
      for (const path of [...paths, '/news/saved/']) {
        const response = await page.goto(`${origin}${path}`);
        expect(response.status(), path).toBe(200);
        expect(response.headers()['content-security-policy'], path).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
        await expect(page.locator('main')).toHaveCount(1);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        expect(await violations(page), path).toEqual([]);
      }
    });

    test('links, the edition, pictures, search and the feed work under /news/', async ({ page, request }) => {
      await watchPolicy(page);
      await page.goto(`${origin}/news/`);
      await expect(stories(page)).toHaveCount(18);
      await stories(page).first().locator('h2 a').click();
      await expect(page).toHaveURL(`${origin}/news/articles/mathematics-in-machine-learning/`);
      await page.locator('.article-body img').scrollIntoViewIfNeeded();
      await expect.poll(() => page.locator('.article-body img').evaluate((img) => img.naturalWidth)).toBe(640);
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Policy' }).click();
      await expect(page).toHaveURL(`${origin}/news/sections/policy/`);
      await page.getByRole('searchbox').fill('rules');
      await expect(page).toHaveURL(`${origin}/news/sections/policy/?q=rules`);
      expect(await violations(page)).toEqual([]);
      const feed = await request.get(`${origin}/news/feed.xml`);
      expect(feed.headers()['content-type']).toMatch(/xml/);
      expect(await feed.text()).toContain('href="https://gazette.example/news/articles/mathematics-in-machine-learning/"');
    });

    test.describe('addresses it must answer as a static host does', () => {
      test.use({ allowedConsole: [/Failed to load resource: the server responded with a status of 404/] });

      test('an unknown address is a real 404 whose page becomes the app; the folder without its slash redirects', async ({ page, request }) => {
        const response = await page.goto(`${origin}/news/no/such/page`);
        expect(response.status()).toBe(404);
        expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
        await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
        for (const [from, to] of [['/news', '/news/'], ['/news/sections/law', '/news/sections/law/']]) {
          const moved = await request.get(`${origin}${from}`, { maxRedirects: 0 });
          expect([301, 308], from).toContain(moved.status()); // permanent (Caddy's file server says 308)
          expect(moved.headers().location, from).toBe(to);
        }
        expect((await request.get(`${origin}/news/_headers`)).status()).toBe(404);
      });
    });

    test('the headers of _headers, on every kind of file', async ({ request, page }) => {
      await page.goto(`${origin}/news/`);
      const module = await page.evaluate(() => document.querySelector('link[rel=modulepreload]').getAttribute('href'));
      const wasm = await page.evaluate(() => document.querySelector('link[rel=preload][href$=".wasm"]').getAttribute('href'));
      for (const path of [module, wasm]) {
        const headers = (await request.get(`${origin}${path}`)).headers();
        expect(headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
        expect(headers['x-content-type-options'], path).toBe('nosniff');
      }
      for (const path of ['/news/', '/news/articles/mathematics-in-machine-learning/', '/news/sw.js', '/news/edition/index.json', '/news/404.html', '/news/manifest.webmanifest', '/news/feed.xml']) {
        const headers = (await request.get(`${origin}${path}`)).headers();
        expect(headers['cache-control'], path).toBe('no-cache');
        expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
        expect(headers['cross-origin-opener-policy'], path).toBe('same-origin');
      }
      expect((await request.get(`${origin}${wasm}`)).headers()['content-type']).toBe('application/wasm');
      expect((await request.get(`${origin}/news/manifest.webmanifest`)).headers()['content-type']).toBe('application/manifest+json');
    });

    test('the precompressed copies are sent as they are: brotli, else gzip', async () => {
      const wasm = readFileSync(join(dist, 'index.html'), 'utf8').match(/gazette-[0-9a-f]{8,16}_bg\.wasm/)[0];
      for (const [encoding, extension] of [['br', '.br'], ['gzip', '.gz'], ['identity', '']]) {
        const { headers, body } = await raw(`${origin}/news/${wasm}`, encoding);
        expect(headers['content-encoding'], encoding).toBe(encoding === 'identity' ? undefined : encoding);
        // Byte for byte the copy press wrote, not one the server compressed on its own.
        expect(body.equals(readFileSync(join(dist, wasm + extension))), encoding).toBe(true);
        if (encoding !== 'identity') expect(headers.vary, encoding).toMatch(/Accept-Encoding/i);
        expect(headers['cache-control'], encoding).toBe('public, max-age=31536000, immutable');
      }
    });

    test("the archive's pages and data go as their gzip copy, to a browser that prefers brotli too", async () => {
      const slug = 'mathematics-in-machine-learning';
      for (const [path, file] of [[`articles/${slug}/`, `articles/${slug}/index.html`], [`edition/articles/${slug}.json`, `edition/articles/${slug}.json`]]) {
        expect(existsSync(join(dist, `${file}.br`)), file).toBe(false);
        const { headers, body } = await raw(`${origin}/news/${path}`, 'br, gzip');
        expect(headers['content-encoding'], path).toBe('gzip');
        expect(body.equals(readFileSync(join(dist, `${file}.gz`))), path).toBe(true);
        expect(headers.vary, path).toMatch(/Accept-Encoding/i);
      }
    });
  });
}
