// Bad links: anything the app has no page for gets a real "not found" page with a way home.
import { test, expect } from './fixtures.mjs';

// The unknown article's file is a 404 from the server, which Chromium reports in the console.
test.use({ allowedConsole: [/Failed to load resource: the server responded with a status of 404/] });

for (const path of ['/no-such-page', '/articles/no-such-story', '/sections/sport', '/articles/..%2Findex', '/articles/a/b']) {
  test(`${path} shows "Page not found" with a way home`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page).toHaveTitle('Page not found · Gazette');
    await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Research' })).toBeVisible();
    await page.getByRole('link', { name: 'Go to the front page' }).click();
    await expect(page).toHaveURL('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Front page' })).toBeVisible();
  });
}

test('a bad link followed inside the app also gets the not-found page', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => {
    const link = Object.assign(document.createElement('a'), { href: '/articles/gone-missing', textContent: 'stale link' });
    document.querySelector('main').append(link);
  });
  await page.getByRole('link', { name: 'stale link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeFocused();
});
