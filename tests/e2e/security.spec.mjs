// Hostile content: markup, script, `javascript:` links, event-handler attributes and CSS injection
// in every text field of the edition and of the contact form are shown as the text they are. The
// site's Content-Security-Policy is applied throughout (serve.mjs sends _headers), and the fixture
// fails a test on any console error, so a blocked attempt would fail it too.
import { test, expect, stories, useContactService, codeSentTo, freshEmail, CONTACT_SERVICE, watchPolicy, violations } from './fixtures.mjs';

// Each payload, if it were ever treated as markup, would set window.pwned or hide the page.
const PAYLOADS = [
  '<script>window.pwned = 1</script>',
  '<img src=x onerror="window.pwned = 2">',
  '"><svg onload="window.pwned = 3">',
  '</style><style>body { display: none }</style>',
  "'; background: url(javascript:window.pwned = 4); '",
];
let n = 0;
const hostile = (label) => `${label} ${PAYLOADS[n++ % PAYLOADS.length]}`;

/** Every string of a headline made hostile, its slug, date and score kept. */
const hostileHeadline = (headline) => ({ ...headline, title: hostile(headline.title), summary: hostile(headline.summary) });

async function serveHostileEdition(page) {
  await page.route('**/edition/index.json', async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    json.title = hostile('Gazette');
    json.tagline = hostile('Tagline');
    json.sections = json.sections.map((section) => ({ ...section, name: hostile(section.name), description: hostile('About') }));
    json.headlines = json.headlines.map(hostileHeadline);
    await route.fulfill({ response, json });
  });
  await page.route('**/edition/index/1.json', async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    json.headlines = json.headlines.map(hostileHeadline);
    await route.fulfill({ response, json });
  });
  await page.route('**/edition/articles/*.json', async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    const runs = () => [
      { text: hostile('Text') },
      { em: hostile('Emphasis') },
      { strong: hostile('Strong') },
      { link: { text: hostile('Link'), href: 'javascript:window.pwned = 5' } },
      { link: { text: hostile('Data link'), href: 'data:text/html,<script>window.pwned = 6</script>' } },
      { link: { text: hostile('Spaced link'), href: ' javascript:window.pwned = 7' } },
    ];
    Object.assign(json, {
      title: hostile('Title'),
      standfirst: hostile('Standfirst'),
      byline: hostile('Byline'),
      tags: [hostile('Tag')],
      body: [
        { type: 'paragraph', text: runs() },
        { type: 'heading', text: runs() },
        { type: 'quote', text: runs(), source: hostile('Source') },
        { type: 'list', ordered: false, items: [runs(), runs()] },
        { type: 'image', src: 'javascript:window.pwned = 8', alt: hostile('Alt'), width: 10, height: 10, caption: hostile('Caption') },
        { type: 'image', src: '/edition/images/x.svg" onerror="window.pwned = 9', alt: hostile('Alt'), width: 10, height: 10 },
        { type: 'code', language: '"><script>window.pwned = 11</script>', text: `</script>${hostile('Code')}\n${hostile('More code')}` },
      ],
      related: json.related.map(hostileHeadline),
      previous: json.previous && hostileHeadline(json.previous),
      next: json.next && hostileHeadline(json.next),
    });
    await route.fulfill({ response, json });
  });
}

/** Nothing ran, nothing became markup, and the page is still there. */
async function expectInert(page) {
  expect(await page.evaluate(() => window.pwned)).toBeUndefined();
  expect(await violations(page)).toEqual([]);
  const injected = await page.locator('#app script, #app style, #app svg, #app [onerror], #app [onload], #app [onclick]').count();
  expect(injected).toBe(0);
  const hrefs = await page.locator('#app a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  for (const href of hrefs) expect(href).toMatch(/^(\/|https?:|mailto:|#)/);
  await expect(page.locator('body')).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe('flex');
}

test.describe('the edition', () => {
  // The image whose path carries a quote is requested as the (missing) file it names.
  test.use({ allowedConsole: [/^Failed to load resource: the server responded with a status of 404/] });

  test('hostile text in every field is shown as text, on every page', async ({ page }) => {
    await watchPolicy(page);
    await serveHostileEdition(page);
    await page.goto('/');
    await expect(stories(page).first().locator('.story-title')).toContainText('window.pwned');
    await expect(page.getByRole('navigation', { name: 'Sections' })).toContainText('Research "><svg onload="window.pwned = 3">');
    await expectInert(page);

    await page.getByRole('searchbox').fill('script');
    await expect(stories(page).first()).toContainText('<script>window.pwned = 1</script>');
    await expectInert(page);

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').nth(1).click();
    await expect(page.locator('.section-description')).toContainText('About');
    await expectInert(page);

    await page.goto('/articles/mathematics-in-machine-learning/');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Title ');
    const body = page.locator('.article-body');
    for (const label of ['Text', 'Emphasis', 'Strong', 'Link', 'Data link', 'Spaced link', 'Source', 'Caption', 'More code']) {
      await expect(body).toContainText(label);
    }
    for (const payload of PAYLOADS) await expect(page.locator('#app main')).toContainText(payload);
    await expect(body.locator('a')).toHaveCount(0);
    await expect(body.locator('img')).toHaveCount(1); // the on-site path, its quote kept inside the attribute
    expect(await body.locator('img').getAttribute('src')).toBe('/edition/images/x.svg" onerror="window.pwned = 9');
    await expect(body.locator('pre.code code')).toContainText('</script>Code ');
    await expect(body.locator('pre.code')).toHaveAttribute('data-language', '"><script>window.pwned = 11</script>');
    await expectInert(page);
  });
});

test.describe('the contact form', () => {
  test.use({ allowedConsole: [/^Failed to load resource/] });
  test.beforeEach(async ({ page }) => useContactService(page));

  test('shows what a reader typed, and what the service says, as text', async ({ page }, testInfo) => {
    await watchPolicy(page);
    const origins = new Set();
    page.on('request', (request) => origins.add(new URL(request.url()).origin));
    const email = freshEmail(testInfo);
    await page.goto('/contact/');
    await page.getByLabel('Your name').fill('<img src=x onerror="window.pwned = 10">');
    await page.getByLabel('Your email address').fill(email);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Verification code').fill(await codeSentTo(email));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByLabel('Subject (optional)').fill('</style><style>body { display: none }</style>');
    await page.getByLabel('Message', { exact: true }).fill('<script>window.pwned = 11</script> and a javascript:window.pwned = 12 link');

    // The service refuses once, with markup in its words: shown as its words.
    let refused = false;
    await page.route(`${CONTACT_SERVICE}/messages`, (route) => {
      if (refused) return route.continue();
      refused = true;
      return route.fulfill({
        status: 422,
        headers: { 'access-control-allow-origin': '*' },
        json: { error: { field: null, reason: 'policy', message: '<b onmouseover="window.pwned = 13">Refused</b>' } },
      });
    });
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('alert')).toContainText('<b onmouseover="window.pwned = 13">Refused</b>');
    await expectInert(page);

    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('heading', { name: 'Message sent' })).toBeVisible();
    const sent = page.locator('.contact-sent');
    await expect(sent).toContainText('Thank you, <img src=x onerror="window.pwned = 10">.');
    await expect(sent).toContainText('</style><style>body { display: none }</style>');
    await expect(sent.locator('.sent-message')).toHaveText('<script>window.pwned = 11</script> and a javascript:window.pwned = 12 link');
    await expectInert(page);
    // The only origin besides the site's own is the configured contact service.
    expect([...origins].sort()).toEqual(['http://127.0.0.1:4173', CONTACT_SERVICE]);
  });
});
