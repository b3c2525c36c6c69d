// Moving around: focus lands on the new page's heading, back and forward restore the scroll
// position, and everything works from the keyboard with a visible focus ring.
import { test, expect, stories } from './fixtures.mjs';

test('back and forward restore the scroll position', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto('/');
  await expect(stories(page)).toHaveCount(18);
  const target = stories(page).nth(12).locator('h2 a');
  await target.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(800);
  await target.click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(50);

  await page.goBack();
  await expect(stories(page).nth(12)).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled - 5);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(scrolled + 5);

  await page.goForward();
  await expect(page.locator('.article-body')).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeLessThan(50);
});

test('the skip link moves keyboard focus to the content', async ({ page }) => {
  await page.goto('/');
  await expect(stories(page).first()).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Search headlines')).toBeFocused();
});

test('keyboard focus is always visible', async ({ page }) => {
  await page.goto('/');
  await expect(stories(page).first()).toBeVisible();
  for (let i = 0; i < 8; i += 1) {
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement);
      return `${style.outlineStyle} ${style.outlineWidth}`;
    });
    expect(outline).not.toMatch(/^none|0px$/);
  }
});

test('a reader can open a story with the keyboard alone', async ({ page }) => {
  await page.goto('/');
  const first = stories(page).first().locator('h2 a');
  await expect(first).toBeVisible();
  const title = await first.textContent();
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('the contact page is linked from every page', async ({ page }) => {
  for (const path of ['/', '/sections/research/', '/articles/mathematics-in-machine-learning/', '/contact/']) {
    await page.goto(path);
    await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Contact the newsroom' })).toBeVisible();
  }
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Contact' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contact the newsroom' })).toBeFocused();
  await expect(page).toHaveTitle('Contact the newsroom · Gazette');
});

test('back returns focus to the link of the story the reader came from', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto('/');
  await expect(stories(page)).toHaveCount(18);
  const link = stories(page).nth(9).locator('h2 a');
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.goBack();
  await expect(link).toBeFocused();
  await expect(link).toBeInViewport();
  // From an article to another by its "Related stories", and back: the related link.
  await link.click();
  const related = page.locator('.related a').first();
  const title = await related.textContent();
  await related.click();
  // The story the reader left has a body too: wait for the one they went to.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await page.goBack();
  await expect(page.locator('.related a').first()).toBeFocused();
});

test('the title changes as soon as a navigation starts', async ({ page }) => {
  await page.goto('/');
  await expect(stories(page)).toHaveCount(18);
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/edition/articles/*.json', async (route) => {
    await held;
    await route.continue();
  });
  const link = stories(page).nth(2).locator('h2 a');
  const title = (await link.textContent()).trim();
  await link.click();
  // The article has not arrived, and the title already names it.
  await expect(page).toHaveTitle(`${title} · Gazette`, { timeout: 300 });
  await expect(page.getByRole('heading', { level: 1, name: 'Front page' })).toBeVisible();
  release();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await page.goBack();
  await expect(page).toHaveTitle('Front page · Gazette', { timeout: 300 });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Law' }).click();
  await expect(page).toHaveTitle('Law · Gazette', { timeout: 300 });
});
