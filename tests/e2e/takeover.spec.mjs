// The take-over never makes the page worse: against a server that never answers for the edition's
// files, every page opened directly keeps its prerendered copy, readable and navigable, with a calm
// notice and Retry, however long the wait; a link followed inside the app keeps the reader on the
// page they were on. When the data comes, the app takes over, keeping the reader's place and focus.
import { test, expect, chromium, openStatic, staleNotice } from './faulty.mjs';
import { stories } from './fixtures.mjs';

const HANG_ALL = { '/edition/*': 'hang' };
const MATHS = '/articles/mathematics-in-machine-learning/';
const MATHS_TITLE = 'Mathematics in machine learning moves from proving to explaining';
const sectionsNav = (page) => page.getByRole('navigation', { name: 'Sections' });

const PAGES = [
  { name: 'an article', path: MATHS, heading: MATHS_TITLE, text: 'treated mathematics as a licence to proceed' },
  { name: 'the front page', path: '/', heading: 'Front page', text: MATHS_TITLE },
  { name: 'a section page', path: '/sections/research/', heading: 'Research', text: MATHS_TITLE },
];

for (const { name, path, heading, text } of PAGES) {
  test(`${name}, its edition hanging, stays readable 30 s on, with a notice; Retry brings the app`, async ({ page, faults }) => {
    test.setTimeout(70_000);
    await faults(HANG_ALL);
    await openStatic(page, path);
    await page.setViewportSize({ width: 800, height: 600 });
    await page.evaluate(() => window.scrollTo(0, 300));
    await page.waitForTimeout(30_000);

    // Still the prerendered page, whole: heading, text, the sections in the masthead.
    await expect(page.locator('#prerendered')).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    await expect(page.locator('#prerendered main')).toContainText(text);
    await expect(sectionsNav(page).getByRole('link', { name: 'Law' })).toBeVisible();
    await expect(page.getByText('Article unavailable')).toBeHidden();
    const notice = staleNotice(page);
    await expect(notice).toHaveText(/^This page could not be refreshed\. The newsroom did not answer within 20 seconds\.\s*Retry$/);
    await expect(notice.getByRole('button', { name: 'Retry' })).toBeInViewport();
    await expect(page.locator('#prerendered main .page-status')).toContainText('could not be refreshed');
    expect(await page.evaluate(() => window.scrollY)).toBe(300);

    await faults({});
    await notice.getByRole('button', { name: 'Retry' }).click();
    await expect(page.locator('#prerendered')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    await expect(page.locator('main')).toContainText(text);
    await expect(page.locator('.page-notice')).toHaveCount(0);
    expect(await page.evaluate(() => window.scrollY)).toBe(300);
    // Focus was on Retry, which is gone: it lands on the page's heading, not on nothing.
    await expect(page.locator('#page-title')).toBeFocused();
  });
}

test('a stalled page\'s links are plain links: they load the site\'s pages', async ({ page, faults }) => {
  test.setTimeout(40_000);
  await faults(HANG_ALL);
  await openStatic(page, MATHS);
  await expect(staleNotice(page)).toBeVisible({ timeout: 25_000 });
  const loaded = page.waitForEvent('load');
  await sectionsNav(page).getByRole('link', { name: 'Law' }).click();
  await loaded;
  await expect(page).toHaveURL('/sections/law/');
  await expect(page.locator('#prerendered h1')).toHaveText('Law');
  // With the server answering again, this page's app takes over as usual.
  await faults({});
  await page.reload();
  await expect(page.locator('#prerendered')).toHaveCount(0);
  await expect(stories(page).first()).toBeVisible();
});

test('a link followed in the app whose article hangs keeps the reader on their page, with Retry', async ({ page, faults }) => {
  test.setTimeout(70_000);
  await page.goto('/');
  await expect(stories(page)).toHaveCount(18);
  await faults({ '/edition/articles/*': 'hang' });
  const link = page.locator(`.stories a[href="${MATHS}"]`);
  await link.click();
  // The title says where the reader is going at once; the page they are on stays.
  await expect(page).toHaveTitle(`${MATHS_TITLE} · Gazette`, { timeout: 500 });
  await expect(page.locator('.page-opening')).toHaveText(`Opening “${MATHS_TITLE}”…`);
  await page.waitForTimeout(30_000);
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Front page' })).toBeVisible();
  await expect(stories(page)).toHaveCount(18);
  await expect(page).toHaveTitle('Front page · Gazette');
  const notice = page.locator('.page-notice');
  await expect(notice).toHaveText(
    new RegExp(`^We couldn't open “${MATHS_TITLE}”\\. The newsroom did not answer within 20 seconds\\. You are still on the page you were reading\\.\\s*Retry\\s*Dismiss$`),
  );
  await expect(notice.getByRole('button', { name: 'Retry' })).toBeInViewport();

  await faults({});
  await notice.getByRole('button', { name: 'Retry' }).click();
  await expect(page).toHaveURL(MATHS);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(MATHS_TITLE);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.locator('.article-body')).toContainText('licence to proceed');
  await expect(page.locator('.page-notice, .page-opening')).toHaveCount(0);
  // Back on the front page, focus is on the story the reader opened.
  await page.goBack();
  await expect(link).toBeFocused();
});

test.describe('an article answering 500', () => {
  test.use({ allowedConsole: [chromium[500]] });
  test('a failed link can be dismissed, and another link still opens', async ({ page, faults }) => {
  await page.goto('/');
  await expect(stories(page)).toHaveCount(18);
  await faults({ [`/edition/articles/mathematics-in-machine-learning.json`]: '500' });
  await page.locator(`.stories a[href="${MATHS}"]`).click();
  const notice = page.locator('.page-notice');
  await expect(notice).toContainText("We couldn't open “Mathematics in machine learning moves from proving to explaining”. The newsroom's server had a problem (HTTP 500).");
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  await expect(page).toHaveURL('/');
  const other = stories(page).nth(3).locator('h2 a');
  const title = (await other.textContent()).trim();
  await other.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  });
});

test('data arriving late: the app takes over where the reader is, focus and scroll kept', async ({ page, faults }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await faults({ '/edition/index.json': 'slow' });
  await openStatic(page, MATHS);
  const related = page.locator('#prerendered .related a').first();
  const href = await related.getAttribute('href');
  await related.focus();
  await page.evaluate(() => window.scrollTo(0, 700));
  await expect(page.locator('#prerendered')).toHaveCount(0, { timeout: 8_000 });
  expect(await page.evaluate(() => window.scrollY)).toBe(700);
  await expect(page.locator(`#app .related a[href="${href}"]`)).toBeFocused();
});
