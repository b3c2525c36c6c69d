// Sections: the navigation bar leads to one section's headlines.
import { test, expect, stories } from './fixtures.mjs';

test('a section lists only its own headlines', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Policy' }).click();
  await expect(page).toHaveURL('/sections/policy/');
  await expect(page.getByRole('heading', { level: 1, name: 'Policy' })).toBeFocused();
  await expect(page).toHaveTitle('Policy · Gazette');
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Policy' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(stories(page).first()).toBeVisible();
  const kickers = await stories(page).locator('.kicker a').allTextContents();
  expect(new Set(kickers)).toEqual(new Set(['Policy']));
});

test('a section lists all its stories, older ones included', async ({ page }) => {
  await page.goto('/sections/law/');
  await expect(stories(page)).toHaveCount(5);
  expect(new Set(await stories(page).locator('.kicker a').allTextContents())).toEqual(new Set(['Law']));
  await expect(page.getByLabel('Section', { exact: true })).toHaveCount(0);
});

test('a section link in a headline opens that section', async ({ page }) => {
  await page.goto('/');
  const kicker = stories(page).first().locator('.kicker a');
  const name = await kicker.textContent();
  await kicker.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
});
