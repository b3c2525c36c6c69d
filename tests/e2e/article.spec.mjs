// Reading an article: the mathematics story from the front page, then onwards through its links.
import { test, expect, expectAccessible, stories } from './fixtures.mjs';

const maths = '/articles/mathematics-in-machine-learning/';

test('a reader opens the mathematics story and sees all of it', async ({ page }) => {
  await page.goto('/');
  await page.locator(`ol.stories a[href="${maths}"]`).click();
  await expect(page).toHaveURL(maths);

  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toContainText(/mathematic/i);
  await expect(title).toBeFocused();
  await expect(page).toHaveTitle(/mathematic.* · Gazette$/i);
  await expect(page.locator('.standfirst')).not.toBeEmpty();
  await expect(page.locator('.byline')).toContainText(/^By .+ · \d{1,2} \w+ 2026 · \d+ min read$/);
  await expect(page.locator('.kicker a')).toHaveText('Research');

  const impact = page.getByRole('complementary', { name: /Impact Score/ });
  await expect(impact.getByRole('heading')).toHaveText('Impact Score 75 of 100 · Significant');
  await expect(impact).toContainText('how much this story will change practice');

  expect(await page.locator('.article-body p').count()).toBeGreaterThanOrEqual(4);
  await expect(page.locator('.article-body')).toContainText(/bitter lesson/i);
  await expect(page.locator('.article-body')).toContainText(/topology/i);
  await expect(page.getByRole('list', { name: 'Tags' }).getByRole('listitem').first()).toBeVisible();
});

test('related headlines and previous/next lead on, and back returns', async ({ page }) => {
  await page.goto(maths);
  const related = page.getByRole('region', { name: 'Related stories' }).getByRole('link');
  await expect(related.first()).toBeVisible();
  const target = await related.first().getAttribute('href');
  const name = await related.first().textContent();
  await related.first().click();
  await expect(page).toHaveURL(target);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  await page.goBack();
  await expect(page).toHaveURL(maths);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/mathematic/i);

  const neighbours = page.getByRole('navigation', { name: 'More from this edition' }).getByRole('link');
  await expect(neighbours.first()).toBeVisible();
  await neighbours.first().click();
  await expect(page).not.toHaveURL(maths);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('a deep link opens the article directly', async ({ page }) => {
  await page.goto(maths);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/mathematic/i);
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Research' })).toBeVisible();
});

test('every article in the edition opens', async ({ page }) => {
  await page.goto('/');
  await expect(stories(page)).toHaveCount(18);
  const hrefs = await stories(page).locator('h2 a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  for (const href of hrefs) {
    const title = await stories(page).locator(`h2 a[href="${href}"]`).textContent();
    await page.locator(`ol.stories h2 a[href="${href}"]`).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await page.goBack();
    await expect(stories(page).first()).toBeVisible();
  }
});

test('the article page has no serious accessibility violations', async ({ page }) => {
  await page.goto(maths);
  await expect(page.locator('.article-body')).toBeVisible();
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page);
});
