// When the contact form cannot be used because of what `contact.json` says (or fails to say), the
// reader gets the newsroom's address, not an error whose Retry would fetch the same file again.
import { test, expect } from './fixtures.mjs';

const unavailable = async (page) => {
  await expect(page.getByText('The contact form is unavailable right now.')).toBeVisible();
  await expect(page.getByRole('link', { name: /@/ })).toHaveAttribute('href', /^mailto:.+@/);
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
};

test.describe('contact.json that names no usable service', () => {
  test.use({ allowedConsole: [/Failed to load resource: the server responded with a status of (404|410)/] });
  for (const [what, answer] of [
    ['malformed JSON', { status: 200, contentType: 'application/json', body: '{"service": "https://contact.example.org/v1"' }],
    ['an HTML page', { status: 200, contentType: 'text/html', body: '<!doctype html><title>Welcome</title>' }],
    ['JSON of another shape', { status: 200, contentType: 'application/json', body: '["https://contact.example.org/v1"]' }],
    ['gone (410)', { status: 410, contentType: 'text/plain', body: 'gone' }],
    ['missing (404)', { status: 404, contentType: 'text/plain', body: 'not found' }],
  ]) {
    test(`${what}: the form is unavailable, and the page gives the address to write to`, async ({ page }) => {
      await page.route('**/contact.json', (route) => route.fulfill(answer));
      await page.goto('/contact/');
      await unavailable(page);
    });
  }
});

test.describe('contact.json that cannot be fetched', () => {
  test.use({ allowedConsole: [/Failed to load resource: the server responded with a status of 503/] });
  test('a server error is worth a Retry, which brings the form', async ({ page }) => {
    let fail = true;
    await page.route('**/contact.json', (route) => (fail ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
    await page.goto('/contact/');
    await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
    fail = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByLabel('Your email address')).toBeVisible();
  });
});
