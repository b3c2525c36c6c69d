// The front page: the edition's headlines, newest first, laid out as a newspaper front.
import { test, expect, expectAccessible, stories } from './fixtures.mjs';

test('lists the headlines newest first, each with section, date, summary and Impact Score', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Front page' })).toBeVisible();
  const cards = stories(page);
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThanOrEqual(8);

  const dates = await cards.locator('time').evaluateAll((times) => times.map((time) => time.dateTime));
  expect(dates).toEqual([...dates].sort().reverse());
  for (const card of (await cards.all()).slice(0, 4)) {
    await expect(card.locator('.kicker a')).toHaveAttribute('href', /^\/sections\/[a-z-]+\/$/);
    await expect(card.getByRole('heading', { level: 2 }).getByRole('link')).toHaveAttribute('href', /^\/articles\//);
    await expect(card.locator('.story-summary')).not.toBeEmpty();
    await expect(card.getByText(/Impact Score \d+/)).toBeVisible();
  }
});

test('/index.html is the front page too', async ({ page }) => {
  await page.goto('/index.html');
  await expect(page.getByRole('heading', { level: 1, name: 'Front page' })).toBeVisible();
});

test('sets the lead story apart from the rest', async ({ page }) => {
  await page.goto('/');
  const lead = page.locator('.story-lead');
  await expect(lead).toHaveCount(1);
  const size = (locator) => locator.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const leadSize = await size(lead.locator('.story-title'));
  const otherSize = await size(stories(page).nth(1).locator('.story-title'));
  expect(leadSize).toBeGreaterThan(otherSize * 1.3);
});

test('names the page and describes the edition for the browser and search engines', async ({ page }) => {
  await page.goto('/');
  await expect(stories(page).first()).toBeVisible();
  await expect(page).toHaveTitle('Front page · Gazette');
  await expect(page.locator('meta[name=description]')).toHaveAttribute('content', /^Gazette .{20,}/);
});

test('the navigation bar links every section and the contact page', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const name of ['Front page', 'Research', 'Industry', 'Policy', 'Law', 'Contact']) {
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(nav.getByRole('link', { name: 'Front page' })).toHaveAttribute('aria-current', 'page');
});

test('does not shift the layout as the edition arrives', async ({ page }) => {
  await page.route('**/edition/index.json', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  await page.goto('/');
  await expect(stories(page).first()).toBeVisible();
  const shift = await page.evaluate(
    () =>
      new Promise((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 300);
      }),
  );
  expect(shift).toBeLessThan(0.1);
});

for (const width of [320, 768, 1440]) {
  test(`fits a ${width} px wide screen without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/');
    await expect(stories(page).first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

test('follows the reader\'s dark mode preference', async ({ page }) => {
  const background = async () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  const brightness = (rgb) => rgb.match(/\d+/g).slice(0, 3).reduce((sum, n) => sum + Number(n), 0);
  expect(brightness(light)).toBeGreaterThan(600);
  expect(brightness(dark)).toBeLessThan(150);
});

test('has no serious accessibility violations, in light or dark', async ({ page }) => {
  await page.goto('/');
  await expect(stories(page).first()).toBeVisible();
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page);
});

test('older stories arrive in the background and join the page', async ({ page }) => {
  await page.goto('/');
  await expect(stories(page).first()).toBeVisible();
  await expect(stories(page)).toHaveCount(18);
  await expect(page.locator('.finder-status')).toHaveText('');
});
