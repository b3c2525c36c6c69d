// Bad input: whatever the server sends, the reader gets a clear message, a Retry where it helps,
// and an app that keeps working. Faults are injected by intercepting the edition's requests.
import { test, expect, stories } from './fixtures.mjs';

// Chromium logs every failed request itself; those lines are expected here, anything else is not.
test.use({ allowedConsole: [/^Failed to load resource/] });

const INDEX = '**/edition/index.json';

// A page opened from the site whose edition fails keeps its prerendered copy (faults.spec.mjs,
// takeover.spec.mjs). What the app itself says shows where there is no copy to keep: under the
// service worker, which answers every page with the app shell. These tests serve it the same way.
async function gotoShell(page, path) {
  await page.route((url) => url.pathname === path, async (route) => {
    if (!route.request().isNavigationRequest()) return route.continue();
    await route.fulfill({ response: await route.fetch({ url: new URL('/shell.html', route.request().url()).href }) });
  });
  await page.goto(path);
}
const MATHS = '**/edition/articles/mathematics-in-machine-learning.json';

async function expectEditionError(page, message) {
  const alert = page.getByRole('alert');
  await expect(alert).toContainText("We couldn't load the edition.");
  await expect(alert).toContainText(message);
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
  // The rest of the app still works.
  await page.getByRole('contentinfo').getByRole('link', { name: 'Contact the newsroom' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contact the newsroom' })).toBeVisible();
}

const broken = {
  'missing (404)': [{ status: 404, body: 'not found' }, 'It is not on the server (HTTP 404)'],
  'a server error (500)': [{ status: 500, body: 'oops' }, "The newsroom's server had a problem (HTTP 500)"],
  'an HTML page instead of JSON': [
    { status: 200, contentType: 'text/html', body: '<!doctype html><title>Welcome</title><p>Parked domain' },
    'The server sent a web page where the edition data should be',
  ],
  'truncated JSON': [{ status: 200, body: '{"schema": 2, "title": "Gazette", "headlines": [{"slug": "a", "ti' }, 'The data is cut short'],
  'malformed JSON': [{ status: 200, body: "{schema: 2, 'title': Gazette}" }, 'The data is not valid JSON'],
  'a newer schema version': [
    { status: 200, body: '{"schema": 3, "headlines": []}' },
    'The data uses format version 3, but this version of Gazette reads version 2',
  ],
};

for (const [name, [reply, message]] of Object.entries(broken)) {
  test(`an edition index that is ${name} gets a clear message`, async ({ page }) => {
    await page.route(INDEX, (route) => route.fulfill(reply));
    await gotoShell(page, '/');
    await expectEditionError(page, message);
  });
}

test('a failed connection says so, and Retry recovers', async ({ page }) => {
  let attempts = 0;
  await page.route(INDEX, (route) => (++attempts === 1 ? route.abort('internetdisconnected') : route.continue()));
  await gotoShell(page, '/');
  await expect(page.getByRole('alert')).toContainText('The newsroom could not be reached. Check your connection.');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(stories(page).first()).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

// Opened directly, a page shows its prerendered copy until the edition arrives (site.spec.mjs);
// a page reached inside the app (here from the shell, where the app takes over at once) shows
// placeholders meanwhile.
test('a slow edition shows placeholders, then the headlines', async ({ page }) => {
  // Held until the placeholders are checked, not for a set time a busy machine could outrun.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(INDEX, async (route) => { await held; await route.continue(); });
  await gotoShell(page, '/contact/');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Front page' }).click();
  await expect(page.locator('.placeholder')).toBeVisible();
  await expect(page.locator('.placeholder').getByRole('status')).toHaveText('Loading…');
  release();
  await expect(stories(page).first()).toBeVisible();
});

test('an edition that never arrives times out with a Retry', async ({ page }) => {
  test.setTimeout(40_000);
  await page.route(INDEX, () => {});
  await gotoShell(page, '/');
  await expect(page.getByRole('alert')).toContainText('The newsroom did not answer within 20 seconds', { timeout: 25_000 });
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('one broken headline is left out and named; the others show', async ({ page }) => {
  let broken = '';
  await page.route(INDEX, async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    broken = json.headlines[2].slug;
    delete json.headlines[2].title;
    json.headlines[3].impact = 140;
    await route.fulfill({ response, json });
  });
  await page.goto('/');
  await expect(stories(page).first()).toBeVisible();
  const note = page.locator('details.notice');
  await expect(note.locator('summary')).toHaveText('2 stories in this edition could not be shown');
  await note.locator('summary').click();
  await expect(note).toContainText(`headline "${broken}": missing field \`title\``);
  await expect(note).toContainText('field impact: 140 is outside 0 to 100');
  await expect(page.locator(`ol.stories a[href="/articles/${broken}/"]`)).toHaveCount(0);
  expect(await stories(page).count()).toBeGreaterThanOrEqual(8);
});

test('an article that fails to load says so, keeps the app working, and Retry recovers', async ({ page }) => {
  let attempts = 0;
  await page.route(MATHS, (route) => (++attempts === 1 ? route.fulfill({ status: 503, body: '' }) : route.continue()));
  await gotoShell(page, '/articles/mathematics-in-machine-learning/');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText("We couldn't load this article. The newsroom's server had a problem (HTTP 503).");
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Research' })).toBeVisible();
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/mathematic/i);
});

test('an article with a bad field names the field', async ({ page }) => {
  await page.route(MATHS, async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    json.body[1] = { type: 'marquee', text: [] };
    await route.fulfill({ response, json });
  });
  await gotoShell(page, '/articles/mathematics-in-machine-learning/');
  await expect(page.getByRole('alert')).toContainText('Field body[1].type: unknown variant `marquee`');
});

test('hostile content renders as inert text', async ({ page }) => {
  await page.route(MATHS, async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    json.title = '<script>window.pwned = 1</script>Headline';
    json.standfirst = '<img src=x onerror="window.pwned = 2">';
    json.byline = '</style><style>body { display: none }</style>';
    json.body = [
      { type: 'paragraph', text: [{ text: '<b onclick="window.pwned = 3">bold?</b>' }] },
      { type: 'paragraph', text: [{ link: { text: 'click me', href: 'javascript:window.pwned = 4' } }] },
      { type: 'paragraph', text: [{ link: { text: 'off-site', href: '//evil.example/' } }] },
      { type: 'image', src: 'javascript:window.pwned = 5', alt: 'x" onerror="window.pwned = 6', width: 10, height: 10 },
    ];
    await route.fulfill({ response, json });
  });
  await page.goto('/articles/mathematics-in-machine-learning/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('<script>window.pwned = 1</script>Headline');
  await expect(page.locator('.standfirst')).toHaveText('<img src=x onerror="window.pwned = 2">');
  await expect(page.locator('.article-body')).toContainText('<b onclick="window.pwned = 3">bold?</b>');
  await expect(page.locator('.article-body a')).toHaveCount(0);
  await expect(page.locator('.article-body')).toContainText('click me');
  await expect(page.locator('.article-body img')).toHaveCount(0);
  await expect(page.locator('body')).toBeVisible();
  expect(await page.evaluate(() => window.pwned)).toBeUndefined();
  expect(await page.locator('script, style, b, [onerror]').evaluateAll((nodes) => nodes.filter((n) => n.closest('main')).length)).toBe(0);
});

test('a chunk of older headlines that fails says so, keeps what arrived, and Retry resumes', async ({ page }) => {
  let attempts = 0;
  await page.route('**/edition/index/1.json', (route) => (++attempts === 1 ? route.fulfill({ status: 500, body: '' }) : route.continue()));
  await page.goto('/');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText("We couldn't load older stories. The newsroom's server had a problem (HTTP 500).");
  await expect(stories(page)).toHaveCount(12);
  await page.getByLabel('Search headlines').fill('court');
  await expect(page.locator('.finder-status')).toContainText('match');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await page.getByLabel('Search headlines').fill('');
  await expect(stories(page)).toHaveCount(18);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
