// Fault injection: a real server that misbehaves on purpose (faulty-server.mjs), and for every
// fault the reader gets a message in words, an app that keeps working, and nothing they typed lost.
//
// How each fault is injected. Each worker runs its own faulty-server.mjs on port 4210 + its index,
// serving dist/ as serve.mjs does (same `_headers`, so the strict Content-Security-Policy applies);
// every test starts with an empty fault table and sets its faults with POST /_faults. Nothing is
// intercepted in the page: Chromium gets each 404, 500, HTML page, cut body, wrong schema, 10 MB
// body (chunked or announced), dropped connection and request that never ends from a real socket.
// The contact service is the same server's /contact-service/, which passes requests on to the real
// service (crates/contact-service) on 127.0.0.1:4300 (so codes and deliveries are real) unless a
// fault names the path: `slow` answers 4 s late, `garbage` answers 200 `<<<not json`, `drop` resets
// the connection, `hang` never answers, `500` is a server error. It sits on the site's own origin because the page's policy lets it connect only to
// itself and to 127.0.0.1:4300, where the well-behaved service runs for the other specs; the one
// thing done in the page is pointing contact.json at it, as useContactService() does for port 4300.
import { stories, codeSentTo, deliveredFrom, freshEmail } from './fixtures.mjs';
import { test, expect, chromium, openStatic, staleNotice } from './faulty.mjs';

// The edition's files: what fails, and the reason the reader reads (after "This page could not be
// refreshed." on a prerendered page, after "We couldn't load <what>." in the app).
const EDITION_FAULTS = [
  { fault: '404', sees: 'It is not on the server (HTTP 404).', logs: [chromium[404]] },
  { fault: '500', sees: "The newsroom's server had a problem (HTTP 500).", logs: [chromium[500]] },
  { fault: 'html', sees: 'The server sent a web page where the edition data should be.' },
  { fault: 'truncated', sees: 'The data is cut short, as if the download stopped early.' },
  { fault: 'wrong-schema', sees: 'The data uses format version 99, but this version of Gazette reads version 2.' },
  { fault: 'huge', sees: 'The server sent 10.0 MB where the file should be at most 4 MB.' },
  { fault: 'huge-announced', sees: 'The server sent 10.0 MB where the file should be at most 4 MB.' },
  { fault: 'hang', sees: 'The newsroom did not answer within 20 seconds.', slow: true },
  { fault: 'drop', sees: 'The newsroom could not be reached. Check your connection.', logs: [chromium.cutShort] },
];

const MATHS = '/articles/mathematics-in-machine-learning/';
const MATHS_FILE = '/edition/articles/mathematics-in-machine-learning.json';
const sectionsNav = (page) => page.getByRole('navigation', { name: 'Sections' });

// Opened directly, a page whose edition fails keeps its prerendered copy, readable, with a calm
// notice; Retry brings the app, which then takes over. (What a page reached inside the app shows
// for the same faults is in bad-edition.spec.mjs.)
for (const { fault, sees, logs = [], slow } of EDITION_FAULTS) {
  test.describe(`index.json: ${fault}`, () => {
    test.use({ allowedConsole: logs });
    test(`the front page stays, says "${sees}", and Retry brings the app`, async ({ page, faults }) => {
      if (slow) test.setTimeout(50_000);
      await faults({ '/edition/index.json': fault });
      await openStatic(page, '/');
      const notice = staleNotice(page);
      await expect(notice).toContainText(`This page could not be refreshed. ${sees}`, { timeout: slow ? 25_000 : 5_000 });
      await expect(page.locator('#prerendered .story-title')).toHaveCount(18);
      await expect(sectionsNav(page).getByRole('link', { name: 'Research' })).toBeVisible();
      await faults({});
      await notice.getByRole('button', { name: 'Retry' }).click();
      await expect(page.locator('#prerendered')).toHaveCount(0);
      await expect(stories(page)).toHaveCount(18);
      await expect(page.locator('.page-notice')).toHaveCount(0);
    });
  });
}

test('a slow edition (3 s) is no error: the headlines arrive', async ({ page, faults }) => {
  await faults({ '/edition/index.json': 'slow' });
  await page.goto('/');
  await expect(stories(page)).toHaveCount(18);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test.describe('index.json: once-500', () => {
  test.use({ allowedConsole: [chromium[500]] });
  test('a server that recovers by itself: Retry alone brings the edition', async ({ page, faults }) => {
    await faults({ '/edition/index.json': 'once-500' });
    await openStatic(page, '/');
    await expect(staleNotice(page)).toContainText("This page could not be refreshed. The newsroom's server had a problem (HTTP 500).");
    await staleNotice(page).getByRole('button', { name: 'Retry' }).click();
    await expect(stories(page)).toHaveCount(18);
    await expect(page.locator('#prerendered')).toHaveCount(0);
  });
});

// A large file on a slow link takes long but keeps arriving: no deadline cuts it off, and the
// prerendered page is there meanwhile.
test('an edition trickling in over 14 s (a slow mobile link) arrives; the page is readable meanwhile', async ({ page, faults }) => {
  test.setTimeout(40_000);
  await faults({ '/edition/index.json': 'trickle' });
  await openStatic(page, '/');
  await expect(page.locator('#prerendered .story-title').first()).toBeVisible();
  await expect(page.locator('#prerendered')).toHaveCount(0, { timeout: 25_000 });
  await expect(stories(page)).toHaveCount(18);
  await expect(page.locator('.page-notice')).toHaveCount(0);
});

// An article file that is not there is an article that does not exist: the not-found page.
const ARTICLE_FAULTS = EDITION_FAULTS.filter(({ fault }) => fault !== '404');

test.describe('article: 404', () => {
  test.use({ allowedConsole: [chromium[404]] });
  test('a missing article file shows the not-found page, and the masthead still works', async ({ page, faults }) => {
    await faults({ [MATHS_FILE]: '404' });
    await page.goto(MATHS);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.getByText('There is nothing at this address.')).toBeVisible();
    await sectionsNav(page).getByRole('link', { name: 'Research' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Research' })).toBeVisible();
    await expect(stories(page).first()).toBeVisible();
    await faults({});
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/mathematic/i);
  });
});

for (const { fault, sees, logs = [], slow } of ARTICLE_FAULTS) {
  test.describe(`article: ${fault}`, () => {
    test.use({ allowedConsole: logs });
    test(`the prerendered article stays, says "${sees}", and Retry brings the app`, async ({ page, faults }) => {
      if (slow) test.setTimeout(50_000);
      await faults({ [MATHS_FILE]: fault });
      await openStatic(page, MATHS);
      const notice = staleNotice(page);
      await expect(notice).toContainText(`This page could not be refreshed. ${sees}`, { timeout: slow ? 25_000 : 5_000 });
      await expect(page.getByRole('heading', { level: 1 })).toContainText(/mathematic/i);
      await expect(page.locator('#prerendered .article-body')).toContainText('licence to proceed');
      await expect(sectionsNav(page).getByRole('link', { name: 'Research' })).toBeVisible();
      await faults({});
      await notice.getByRole('button', { name: 'Retry' }).click();
      await expect(page.locator('#prerendered')).toHaveCount(0);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(/mathematic/i);
      await expect(page.locator('.article-body')).toBeVisible();
      await expect(page.locator('.page-notice')).toHaveCount(0);
      await sectionsNav(page).getByRole('link', { name: 'Front page' }).click();
      await expect(stories(page)).toHaveCount(18);
    });
  });
}

// The older headlines: the first screen's 12 show, chunk 1 (the other 6) fails mid-load.
const CHUNK_FAULTS = [
  { fault: '500', sees: "The newsroom's server had a problem (HTTP 500).", logs: [chromium[500]] },
  { fault: 'drop', sees: 'The newsroom could not be reached. Check your connection.', logs: [chromium.cutShort] },
];
const OLDER_REGULATORS = 'a[href="/articles/regulators-open-spectrum-for-satellite-to-phone/"]';

for (const { fault, sees, logs } of CHUNK_FAULTS) {
  test.describe(`index/1.json: ${fault}`, () => {
    test.use({ allowedConsole: logs });
    test(`older stories: "${sees}"; Retry fills them in and keeps the search typed meanwhile`, async ({ page, faults }) => {
      await faults({ '/edition/index/1.json': fault });
      await page.goto('/');
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(`We couldn't load older stories. ${sees}`);
      await expect(stories(page)).toHaveCount(12);

      const search = page.getByRole('searchbox');
      await search.pressSequentially('regulators');
      await expect(page).toHaveURL(/[?&]q=regulators(&|$)/);
      await expect(stories(page).first()).toBeVisible();
      await expect(page.locator(OLDER_REGULATORS)).toHaveCount(0);
      const before = await stories(page).count();

      await faults({});
      await alert.getByRole('button', { name: 'Retry' }).click();
      await expect(page.locator(OLDER_REGULATORS)).toHaveCount(1);
      await expect(stories(page)).toHaveCount(before + 1);
      await expect(search).toHaveValue('regulators');
      await expect(page).toHaveURL(/[?&]q=regulators(&|$)/);
      await expect(page.getByRole('alert')).toHaveCount(0);
      await search.fill('');
      await expect(stories(page)).toHaveCount(18);
    });
  });
}

// The contact form, against the faulty server's /contact-service/ in front of the real service.
const SERVICE = '/contact-service';
const MESSAGE = 'A test of the contact form under faults.\nIt should arrive exactly once.';
const step = (page, title) => page.getByRole('heading', { name: title });

async function openForm(page, faultyServer) {
  await page.route('**/contact.json', (route) => route.fulfill({ json: { service: `${faultyServer}${SERVICE}` } }));
  await page.goto('/contact/');
}

async function fillDetails(page, email) {
  await page.getByLabel('Your name').fill('Ada Reader');
  await page.getByLabel('Your email address').fill(email);
}

async function detailsAndCode(page, email) {
  await fillDetails(page, email);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(step(page, 'Step 2 of 3: check your email')).toBeFocused();
  await page.getByLabel('Verification code').fill(await codeSentTo(email));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(step(page, 'Step 3 of 3: your message')).toBeFocused();
  await page.getByLabel('Subject (optional)').fill('Faults');
  await page.getByLabel('Message').fill(MESSAGE);
}

async function expectDetailsKept(page, email) {
  await expect(page.getByLabel('Your name')).toHaveValue('Ada Reader');
  await expect(page.getByLabel('Your email address')).toHaveValue(email);
}

async function expectMessageKept(page) {
  await expect(page.getByLabel('Subject (optional)')).toHaveValue('Faults');
  await expect(page.getByLabel('Message')).toHaveValue(MESSAGE);
}

test.describe('contact service: slow', () => {
  test('a slow service shows the form working, then it proceeds; the message arrives once', async ({ page, faults, faultyServer }, testInfo) => {
    const email = freshEmail(testInfo);
    await faults({ [`${SERVICE}/verifications`]: 'slow', [`${SERVICE}/messages`]: 'slow' });
    await openForm(page, faultyServer);
    await fillDetails(page, email);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.locator('.form-status')).toHaveText('Working…');
    await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
    await expectDetailsKept(page, email);
    await expect(step(page, 'Step 2 of 3: check your email')).toBeFocused({ timeout: 8000 });
    await expect(page.locator('.form-status')).toHaveText(`We sent a code to ${email}.`);

    await page.getByLabel('Verification code').fill(await codeSentTo(email));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(step(page, 'Step 3 of 3: your message')).toBeFocused();
    await page.getByLabel('Message').fill(MESSAGE);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.locator('.form-status')).toHaveText('Working…');
    await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
    await expect(page.getByLabel('Message')).toHaveValue(MESSAGE);
    await expect(step(page, 'Message sent')).toBeFocused({ timeout: 8000 });
    expect(await deliveredFrom(email, { expected: 1 })).toHaveLength(1);
  });
});

// What the reader reads, at the first step and when sending; then Retry, with the fault gone.
const CONTACT_FAULTS = [
  { fault: 'garbage', sees: "The contact service sent an answer we couldn't read.", kept: 'Your message is saved here.' },
  {
    fault: 'drop',
    sees: "You seem to be offline, or the contact service can't be reached.",
    kept: "Your message is saved here and will be sent when you're back online.",
    logs: [chromium.reset],
  },
  // Scoped to this test's own faulty server (one per worker), so no other test can take its 500.
  { fault: '500', sees: 'The contact service had a problem (HTTP 500).', kept: 'Your message is saved here.', logs: [chromium[500]] },
];

for (const { fault, sees, kept, logs = [] } of CONTACT_FAULTS) {
  test.describe(`contact service: ${fault}`, () => {
    test.use({ allowedConsole: logs });

    test(`asking for a code: "${sees}", name and email kept, Retry proceeds`, async ({ page, faults, faultyServer }, testInfo) => {
      const email = freshEmail(testInfo);
      await faults({ [`${SERVICE}/verifications`]: fault });
      await openForm(page, faultyServer);
      await fillDetails(page, email);
      await page.getByRole('button', { name: 'Next' }).click();
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(sees);
      await expect(alert.getByRole('button', { name: 'Retry' })).toBeFocused();
      await expectDetailsKept(page, email);
      await faults({});
      await alert.getByRole('button', { name: 'Retry' }).click();
      await expect(step(page, 'Step 2 of 3: check your email')).toBeFocused();
      await expect(page.getByText(`Enter the code we sent to ${email}.`)).toBeVisible();
    });

    test(`sending: "${sees} ${kept}", the message kept, Retry sends it once`, async ({ page, faults, faultyServer }, testInfo) => {
      const email = freshEmail(testInfo);
      await openForm(page, faultyServer);
      await detailsAndCode(page, email);
      await faults({ [`${SERVICE}/messages`]: fault });
      await page.getByRole('button', { name: 'Send' }).click();
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(`${sees} ${kept}`);
      await expectMessageKept(page);
      expect(await deliveredFrom(email)).toEqual([]);
      await faults({});
      await alert.getByRole('button', { name: 'Retry' }).click();
      await expect(step(page, 'Message sent')).toBeFocused();
      expect(await deliveredFrom(email, { expected: 1 })).toHaveLength(1);
    });
  });
}

test.describe('contact service: hang', () => {
  test('a send that never gets an answer times out, keeps the message, and Retry sends it once', async ({ page, faults, faultyServer }, testInfo) => {
    test.setTimeout(40_000);
    const email = freshEmail(testInfo);
    await openForm(page, faultyServer);
    await detailsAndCode(page, email);
    await faults({ [`${SERVICE}/messages`]: 'hang' });
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.locator('.form-status')).toHaveText('Working…');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(
      "The contact service did not answer in time. Your message is saved here and will be sent when you're back online.",
      { timeout: 15_000 },
    );
    await expectMessageKept(page);
    await faults({});
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(step(page, 'Message sent')).toBeFocused();
    expect(await deliveredFrom(email, { expected: 1 })).toHaveLength(1);
  });
});
