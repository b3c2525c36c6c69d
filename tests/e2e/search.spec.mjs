// Finding stories: typing filters the headlines at once; filters live in the address bar.
import { test, expect, expectAccessible, stories } from './fixtures.mjs';

const titles = (page) => stories(page).locator('.story-title').allTextContents();

test('typing filters the headlines as you type, with matches marked and counted', async ({ page }) => {
  await page.goto('/');
  await expect(stories(page)).toHaveCount(18);
  await page.getByLabel('Search headlines').pressSequentially('regul');
  await expect(page.locator('.finder-status')).toHaveText('2 stories match.');
  await expect(stories(page)).toHaveCount(2);
  await expect(stories(page).first().locator('mark').first()).toHaveText(/^regul$/i);
  await expect(page).toHaveURL('/?q=regul');
  await expectAccessible(page);
});

test('a search made while older stories load says its results may grow, then gives the full count', async ({ page }) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/edition/index/**', async (route) => { await held; await route.continue(); });
  await page.goto('/');
  await page.getByLabel('Search headlines').pressSequentially('regul');
  const status = page.locator('.finder-status');
  // One of the two matches is among the older stories.
  await expect(status).toHaveText('1 story matches. Older stories are still loading; they join the results as they arrive.');
  // Said once, above the results, not again at the end of the list.
  await expect(page.getByText('Older stories are still loading.', { exact: true })).toBeHidden();
  release();
  await expect(status).toHaveText('2 stories match.');
});

test('matching ignores case and accents, both ways', async ({ page }) => {
  for (const query of ['jose', 'JOSÉ', 'José']) {
    await page.goto(`/?q=${encodeURIComponent(query)}`);
    await expect(page.locator('.finder-status')).toHaveText('1 story matches.');
    await expect(stories(page).locator('mark')).toHaveText('José');
  }
  await page.goto('/?q=R%C3%89GUL');
  await expect(page.locator('.finder-status')).toHaveText('2 stories match.');
});

test('several words narrow the results, and title matches rank first', async ({ page }) => {
  await page.goto('/?q=ai');
  await expect(stories(page).first()).toBeVisible();
  const broad = await stories(page).count();
  await page.goto('/?q=ai+governance');
  await expect(stories(page).first()).toBeVisible();
  expect(await stories(page).count()).toBeLessThan(broad);
  const marksInTitle = await stories(page).evaluateAll((cards) => cards.map((card) => card.querySelectorAll('.story-title mark').length));
  expect(marksInTitle).toEqual([...marksInTitle].sort((a, b) => b - a));
  expect(marksInTitle[0]).toBeGreaterThan(0);
});

test('section, minimum Impact Score and order filter and sort', async ({ page }) => {
  // The sample edition's Law stories of Impact Score 50 or more, newest first.
  const guide = 'A working guide to AI governance for in-house legal teams';
  const court = 'Court hears test case on whether training an AI model copies its data';
  const scores = async () => (await stories(page).locator('.impact strong').allTextContents()).map(Number);
  await page.goto('/');
  await expect(stories(page)).toHaveCount(18);
  await page.getByLabel('Section', { exact: true }).selectOption('law');
  await expect(stories(page)).toHaveCount(5);
  await page.getByLabel('Impact Score').selectOption('50');
  await expect(page).toHaveURL('/?section=law&min=50');
  await expect(stories(page).locator('.story-title')).toHaveText([guide, court]);
  expect(await scores()).toEqual([62, 84]);
  await page.getByLabel('Order').selectOption('impact');
  await expect(page).toHaveURL('/?section=law&min=50&sort=impact');
  await expect(stories(page).locator('.story-title')).toHaveText([court, guide]);
  expect(await scores()).toEqual([84, 62]);
  await page.reload();
  await expect(page.getByLabel('Section', { exact: true })).toHaveValue('law');
  await expect(page.getByLabel('Impact Score')).toHaveValue('50');
  await expect(page.getByLabel('Order')).toHaveValue('impact');
  await expect(stories(page).locator('.story-title')).toHaveText([court, guide]);
});

test('no results gets a helpful empty state that clears the search', async ({ page }) => {
  await page.goto('/?q=zzzyzx&min=90');
  await expect(page.locator('.finder-status')).toHaveText('No stories match.');
  await expect(page.getByText('No stories match your search.')).toBeVisible();
  await page.getByRole('button', { name: 'clear the search and filters' }).click();
  await expect(page.getByLabel('Search headlines')).toBeFocused();
  await expect(stories(page)).toHaveCount(18);
  await expect(page).toHaveURL('/');
  await expect(page.getByLabel('Search headlines')).toHaveValue('');
});

for (const text of ['50% & a/b #1', 'a+b "quoted" \'single\'', 'emoji 🗞️', 'الذكاء', '机器学习']) {
  test(`the query ${JSON.stringify(text)} survives the address bar and a reload`, async ({ page }) => {
    await page.goto('/');
    await expect(stories(page).first()).toBeVisible();
    await page.getByLabel('Search headlines').fill(text);
    await expect(page.locator('.finder-status')).toContainText('match');
    await page.reload();
    await expect(page.getByLabel('Search headlines')).toHaveValue(text);
    const shared = page.url();
    const other = await page.context().newPage();
    await other.goto(shared);
    await expect(other.getByLabel('Search headlines')).toHaveValue(text);
    await other.close();
  });
}

test('returning from an article brings the search back', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Search headlines').fill('court');
  await expect(page).toHaveURL('/?q=court');
  const first = stories(page).first().locator('.story-title a');
  const title = await first.textContent();
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await page.goBack();
  await expect(page.getByLabel('Search headlines')).toHaveValue('court');
  await expect(stories(page).first().locator('.story-title')).toHaveText(title);
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
});

test('the keyboard: / to search, arrows through results, Escape to clear', async ({ page }) => {
  await page.goto('/');
  await expect(stories(page)).toHaveCount(18);
  await page.locator('body').press('/');
  await expect(page.getByLabel('Search headlines')).toBeFocused();
  await page.keyboard.type('rules');
  // The address and the list change in the same frame: this waits for the whole word's results.
  await expect(page).toHaveURL('/?q=rules');
  await page.keyboard.press('ArrowDown');
  await expect(stories(page).nth(0).locator('.story-title a')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(stories(page).nth(1).locator('.story-title a')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByLabel('Search headlines')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Search headlines')).toHaveValue('');
  await expect(stories(page)).toHaveCount(18);
  await expect(page).toHaveURL('/');
});

test('more results come on request, and focus moves to the first new one', async ({ page }) => {
  await page.goto('/?q=a');
  await expect(stories(page)).toHaveCount(12);
  await page.getByRole('button', { name: 'Show more stories' }).click();
  await expect(stories(page).nth(12).locator('.story-title a')).toBeFocused();
});

test('a section page searches within its section', async ({ page }) => {
  // Four stories say "rules": three of Policy's four, and one of Law's.
  await page.goto('/?q=rules');
  await expect(stories(page)).toHaveCount(4);
  await expect(stories(page).locator('.story-title', { hasText: 'Arbitrators take on disputes written in code' })).toHaveCount(1);
  await page.goto('/sections/policy/');
  await expect(stories(page)).toHaveCount(4);
  await page.goto('/sections/policy/?q=rules');
  await expect(page.getByLabel('Search headlines')).toHaveValue('rules');
  // Policy's three, the title match first.
  await expect(stories(page).locator('.story-title')).toHaveText([
    'Cybersecurity rules tighten worldwide and begin to merge with privacy and AI oversight',
    'Governments write AI into their procurement rulebooks',
    'Regulators open the way for satellites to talk directly to phones',
  ]);
  await expect(page.locator('.finder-status')).toHaveText('3 stories match.');
});
