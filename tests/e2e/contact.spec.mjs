// The contact form against the real contact service (crates/contact-service) on loopback: every
// step, every refusal, and nothing the reader typed ever lost. Codes and delivered messages are
// read from the service's outbox folder; faults only a broken server makes are in faults.spec.mjs.
import {
  test, expect, expectAccessible, useContactService, callService, codeSentTo, deliveredFrom, freshEmail, CONTACT_SERVICE,
} from './fixtures.mjs';

// Refusals (422, 429, 500) and offline requests are logged by Chromium itself.
test.use({ allowedConsole: [/^Failed to load resource/] });

const MESSAGE = 'Your piece on topology in machine learning was excellent.\nMore of this, please.';

async function detailsStep(page, email, name = 'Ada Reader') {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your email address').fill(email);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Step 2 of 3: check your email' })).toBeFocused();
}

async function codeStep(page, email) {
  await page.getByLabel('Verification code').fill(await codeSentTo(email));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Step 3 of 3: your message' })).toBeFocused();
}

test.beforeEach(async ({ page }) => {
  await useContactService(page);
});

test('with no service configured, the page says so and gives another way to write', async ({ browser }) => {
  const page = await browser.newPage();
  await page.route('**/contact.json', (route) => route.fulfill({ json: { service: '' } }));
  await page.goto('/contact/');
  await expect(page.getByText('The contact form is unavailable right now.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'newsroom@gazette.example' })).toHaveAttribute('href', 'mailto:newsroom@gazette.example');
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expectAccessible(page);
  await page.close();
});

test('a reader completes the whole flow with the keyboard alone', async ({ page }, testInfo) => {
  const email = freshEmail(testInfo);
  await page.goto('/contact/');
  await expect(page.getByLabel('Your name')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Your name').focus();
  await page.keyboard.type('Ada Reader');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Your email address')).toBeFocused();
  await page.keyboard.type(email);
  await page.keyboard.press('Enter');

  await expect(page.locator('.form-status')).toHaveText(`We sent a code to ${email}.`);
  await expect(page.getByRole('heading', { name: 'Step 2 of 3: check your email' })).toBeFocused();
  await expectAccessible(page);
  const code = await codeSentTo(email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Verification code')).toBeFocused();
  await page.keyboard.type(`${code.slice(0, 3)}-${code.slice(3)}`);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Step 3 of 3: your message' })).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Praise');
  await page.keyboard.press('Tab');
  await page.keyboard.type(MESSAGE);
  await expect(page.getByText(`${MESSAGE.length} of 5,000 characters`)).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Send' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Message sent' })).toBeFocused();
  await expect(page.locator('.contact-sent')).toContainText(email);
  await expect(page.locator('.sent-message')).toHaveText(MESSAGE);
  await expectAccessible(page);
  const delivered = await deliveredFrom(email, { expected: 1 });
  expect(delivered.map((message) => [message.subject, message.message])).toEqual([['Praise', MESSAGE]]);
  expect(await page.evaluate(() => localStorage.getItem('gazette.contact.draft.v1'))).not.toContain('topology');
});

test('invalid fields are named beside the field, tied to it, and focused', async ({ page }) => {
  await page.goto('/contact/');
  await page.getByRole('button', { name: 'Next' }).click();
  const name = page.getByLabel('Your name');
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription('1 to 100 characters. Enter your name.');
  await expect(page.getByLabel('Your email address')).toHaveAccessibleDescription(/Enter your email address\.$/);

  await name.fill('Ada');
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Your email address').fill('ada@example..org');
  await page.getByLabel('Your email address').blur();
  await expect(page.getByText('Enter an email address like name@example.org.')).toBeVisible();
  await page.getByLabel('Your email address').fill('x'.repeat(10));
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Your email address')).toBeFocused();

  await name.fill('n'.repeat(101));
  await name.blur();
  await expect(page.getByText('Your name can be at most 100 characters.')).toBeVisible();
});

test('the message and code fields check their limits', async ({ page }, testInfo) => {
  const email = freshEmail(testInfo);
  await page.goto('/contact/');
  await detailsStep(page, email);
  await page.getByLabel('Verification code').fill('12345');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('The code is 6 digits, like 123 456.')).toBeVisible();
  await expect(page.getByLabel('Verification code')).toBeFocused();
  await codeStep(page, email);

  await expect(page.getByText('10 to 5,000 characters.')).toBeVisible();
  await page.getByLabel('Message').fill('Too short');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Your message needs at least 10 characters.')).toBeVisible();
  await expect(page.getByLabel('Message')).toBeFocused();
  await page.getByLabel('Message').fill('m'.repeat(5001));
  await expect(page.getByText('5001 of 5,000 characters')).toBeVisible();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Your message can be at most 5,000 characters.')).toBeVisible();
  await page.getByLabel('Subject (optional)').fill('s'.repeat(201));
  await page.getByLabel('Subject (optional)').blur();
  await expect(page.getByText('The subject can be at most 200 characters.')).toBeVisible();
  expect(await deliveredFrom(email)).toEqual([]);
});

test('a wrong code is refused beside the field', async ({ page }, testInfo) => {
  const email = freshEmail(testInfo);
  await page.goto('/contact/');
  await detailsStep(page, email);
  const right = await codeSentTo(email);
  const wrong = right === '000000' ? '111111' : '000000';
  await page.getByLabel('Verification code').fill(wrong);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText("That code isn't right. Check the email we sent and try again.")).toBeVisible();
  await expect(page.getByLabel('Verification code')).toHaveAttribute('aria-invalid', 'true');
  await codeStep(page, email);
});

test('an expired code says so, and a resent code works', async ({ page }, testInfo) => {
  const email = freshEmail(testInfo);
  await page.goto('/contact/');
  await detailsStep(page, email);
  await callService(`/_test/expire?email=${encodeURIComponent(email)}`);
  await page.getByLabel('Verification code').fill(await codeSentTo(email));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('This code has expired. Use “Resend code” to get a new one.')).toBeVisible();
  await page.getByRole('button', { name: 'Resend code', exact: true }).click();
  await expect(page.locator('.form-status')).toHaveText(`We sent a new code to ${email}.`);
  await codeStep(page, email);
});

test('resending a code has a visible cooldown', async ({ page }, testInfo) => {
  const email = freshEmail(testInfo);
  await page.goto('/contact/');
  await detailsStep(page, email);
  const resend = page.getByRole('button', { name: /^Resend code/ });
  await expect(resend).toBeDisabled();
  await expect(resend).toHaveText(/^Resend code in [1-3] seconds?$/);
  await expect(resend).toHaveText('Resend code', { timeout: 5000 });
  await expect(resend).toBeEnabled();
  const first = await codeSentTo(email);
  expect(first).toMatch(/^\d{6}$/);
  await resend.click();
  await expect(page.locator('.form-status')).toHaveText(`We sent a new code to ${email}.`);
  await expect(resend).toBeDisabled();
  // A new code went out, and the first no longer works.
  const second = await codeSentTo(email);
  expect(second).toMatch(/^\d{6}$/);
  expect(second).not.toBe(first);
  await page.getByLabel('Verification code').fill(first);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText("That code isn't right. Check the email we sent and try again.")).toBeVisible();
  await page.getByLabel('Verification code').fill(second);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Step 3 of 3: your message' })).toBeFocused();
});

test('the way back changes the email address', async ({ page }, testInfo) => {
  const email = freshEmail(testInfo);
  await page.goto('/contact/');
  await detailsStep(page, email);
  await page.getByRole('button', { name: 'Change email address' }).click();
  await expect(page.getByLabel('Your email address')).toBeFocused();
  await expect(page.getByLabel('Your email address')).toHaveValue(email);
  await expect(page.getByLabel('Your name')).toHaveValue('Ada Reader');
});

test('too many requests (429) tell the reader how long to wait', async ({ page }, testInfo) => {
  const email = freshEmail(testInfo);
  // The service sends an address at most 3 codes an hour.
  for (let i = 0; i < 3; i += 1) {
    expect((await callService('/verifications', { name: 'x', email })).status).toBe(201);
  }
  await page.goto('/contact/');
  await page.getByLabel('Your name').fill('Ada Reader');
  await page.getByLabel('Your email address').fill(email);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toContainText(/Too many attempts\. Please wait (59|60) minutes, then try again\./);
  const retry = page.getByRole('button', { name: /^Retry in (59|60) minutes$/ });
  await expect(retry).toBeFocused();
  await expect(retry).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByLabel('Your email address')).toHaveValue(email);
});

test('offline, the message waits and is sent when the connection returns', async ({ page, context }, testInfo) => {
  const email = freshEmail(testInfo);
  await page.goto('/contact/');
  await detailsStep(page, email);
  await codeStep(page, email);
  await page.getByLabel('Message').fill(MESSAGE);
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('alert')).toContainText("Your message is saved here and will be sent when you're back online.");
  await expect(page.getByLabel('Message')).toHaveValue(MESSAGE);
  expect(await deliveredFrom(email)).toEqual([]);
  await context.setOffline(false);
  await expect(page.getByRole('heading', { name: 'Message sent' })).toBeVisible();
  expect(await deliveredFrom(email, { expected: 1 })).toHaveLength(1);
});

test('a double click sends once', async ({ page }, testInfo) => {
  const email = freshEmail(testInfo);
  await page.goto('/contact/');
  await detailsStep(page, email);
  await codeStep(page, email);
  await page.getByLabel('Message').fill(MESSAGE);
  // Every answer the service gives to a send, so the count is read only once all have been handled.
  const answers = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/messages')) answers.push(request.response());
  });
  await page.getByRole('button', { name: 'Send' }).dblclick();
  await expect(page.getByRole('heading', { name: 'Message sent' })).toBeVisible();
  await page.waitForTimeout(500); // room for a late second send to start
  await Promise.all(answers);
  expect(answers.length).toBeGreaterThan(0);
  expect(await deliveredFrom(email, { expected: 1 })).toHaveLength(1);
});

test('a reload in the middle of each step loses nothing', async ({ page }, testInfo) => {
  const email = freshEmail(testInfo);
  await page.goto('/contact/');
  await page.getByLabel('Your name').fill('Ada Reader');
  await page.getByLabel('Your email address').fill(email);
  await page.reload();
  await expect(page.getByLabel('Your name')).toHaveValue('Ada Reader');
  await expect(page.getByLabel('Your email address')).toHaveValue(email);
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByLabel('Verification code')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Step 2 of 3: check your email' })).toBeVisible();
  await expect(page.getByText(`Enter the code we sent to ${email}.`)).toBeVisible();
  await codeStep(page, email);

  await page.getByLabel('Subject (optional)').fill('Kept');
  await page.getByLabel('Message').fill(MESSAGE);
  await page.reload();
  await expect(page.getByLabel('Subject (optional)')).toHaveValue('Kept');
  await expect(page.getByLabel('Message')).toHaveValue(MESSAGE);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('heading', { name: 'Message sent' })).toBeVisible();
  expect(await deliveredFrom(email, { expected: 1 })).toHaveLength(1);
});

test('a garbled answer or a dropped connection is explained, and nothing typed is lost', async ({ page }, testInfo) => {
  const email = freshEmail(testInfo);
  let mode = 'garbage';
  await page.route(`${CONTACT_SERVICE}/verifications`, (route) => {
    if (mode === 'garbage') return route.fulfill({ status: 200, contentType: 'application/json', body: '<html>oops' });
    if (mode === 'drop') return route.abort('connectionreset');
    return route.continue();
  });
  await page.goto('/contact/');
  await page.getByLabel('Your name').fill('Ada Reader');
  await page.getByLabel('Your email address').fill(email);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toContainText("The contact service sent an answer we couldn't read.");
  mode = 'drop';
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('alert')).toContainText("You seem to be offline, or the contact service can't be reached.");
  await expect(page.getByLabel('Your email address')).toHaveValue(email);
  mode = 'pass';
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { name: 'Step 2 of 3: check your email' })).toBeFocused();
});
