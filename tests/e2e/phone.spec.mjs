// Phone first: on a narrow screen the front page and section pages open on the news. The search
// box stays; the section, Impact Score and order filters fold behind one button that says how many
// are set, works from the keyboard and announces its state. Wide screens are unchanged.
import { test, expect, expectAccessible, stories } from './fixtures.mjs';

const PHONES = [
  { width: 320, height: 568 },
  { width: 375, height: 667 },
  { width: 414, height: 896 },
];
// "The upper part of the first screen": the first headline starts in its upper half.
const UPPER = 0.5;

const toggle = (page) => page.getByRole('button', { name: /^Filters/ });

for (const { width, height } of PHONES) {
  for (const path of ['/', '/sections/research/']) {
    test(`${width}×${height}, ${path}: the first headline is in the upper part of the first screen`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      // Older stories held back: a slow network shows the page with its loading line first.
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await page.route('**/edition/index/**', async (route) => { await held; await route.continue(); });
      await page.goto(path);
      const status = page.locator('.finder-status');
      const firstTop = () => stories(page).first().locator('.story-title').evaluate((title) => title.getBoundingClientRect().top);
      // Said below the stories shown, not above the news.
      const arriving = page.getByText('Older stories are still loading.');
      await expect(status).toHaveAttribute('data-archive', 'loading');
      await expect(arriving).toBeVisible();
      expect(await arriving.evaluate((note) => note.compareDocumentPosition(document.querySelector('ol.stories')) & Node.DOCUMENT_POSITION_PRECEDING)).toBeTruthy();
      expect(await firstTop()).toBeLessThan(height * UPPER);
      release();
      await expect(status).toHaveAttribute('data-archive', 'complete');
      await expect(arriving).toBeHidden();
      await expect(status).toHaveText('');
      expect(await firstTop()).toBeLessThan(height * UPPER);
      await expect(page.getByRole('searchbox', { name: 'Search headlines' })).toBeInViewport();
      await expect(toggle(page)).toBeInViewport();
      await expect(page.getByLabel('Impact Score')).toBeHidden();
    });
  }

  test(`${width}×${height}: the filters unfold and fold by keyboard, say their state and how many are set`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await expect(stories(page)).toHaveCount(18);
    const button = toggle(page);
    await expect(button).toHaveAccessibleName('Filters');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(button).toHaveAttribute('aria-controls', 'finder-filters');

    await page.getByRole('searchbox').focus();
    await page.keyboard.press('Tab');
    await expect(button).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    const section = page.getByLabel('Section', { exact: true });
    await expect(section).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(section).toBeFocused();
    await section.selectOption('law');
    await page.getByLabel('Order').selectOption('impact');
    await expect(button).toHaveAccessibleName('Filters · 2 active');
    await expect(page).toHaveURL(/section=law/);
    await expect(stories(page).first().locator('.kicker')).toContainText(/law/i);

    await button.focus();
    await page.keyboard.press('Space');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(section).toBeHidden();
    // Folded, the filters still apply, and the button still says so.
    await expect(button).toHaveAccessibleName('Filters · 2 active');
    await expect(stories(page).first().locator('.kicker')).toContainText(/law/i);
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`${width}×${height}, ${colorScheme}: no serious accessibility violations, folded and unfolded`, async ({ page }, testInfo) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height });
      await page.goto('/');
      await expect(stories(page)).toHaveCount(18);
      await page.screenshot({ path: testInfo.outputPath(`front-${width}-${colorScheme}.png`) });
      await expectAccessible(page);
      await toggle(page).click();
      await expect(page.getByLabel('Impact Score')).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`front-${width}-${colorScheme}-open.png`) });
      await expectAccessible(page);
    });
  }
}

test('a wide screen shows every filter and no fold', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await expect(stories(page).first()).toBeVisible();
  await expect(toggle(page)).toBeHidden();
  for (const label of ['Section', 'Impact Score', 'Order']) {
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  }
  // The filters sit beside the search box, on its row, as before.
  const box = await page.getByRole('searchbox').boundingBox();
  const order = await page.getByLabel('Order').boundingBox();
  expect(order.y).toBeLessThan(box.y + box.height);
  await expect(page.getByText('Press / to search, Esc to clear.')).toBeVisible();
});
