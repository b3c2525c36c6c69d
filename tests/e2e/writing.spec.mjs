// What editors write, as readers see it: each construct of the format in the app and in the
// prerendered page, on a 320 px phone and on a desktop, light and dark, axe clean.
import { test, expect, expectAccessible } from './fixtures.mjs';

const story = '/articles/small-models-learn-to-check-their-work/';
const lean = 'theorem add_comm_example (a b : Nat) : a + b = b + a := by\n  exact Nat.add_comm a b';

/** How the code block stands on the page: its text as written, its font, and what scrolls. */
const codeBlock = (page, scope) =>
  page.locator(`${scope} .article-body pre.code`).evaluate((pre) => ({
    text: pre.querySelector('code').textContent,
    font: getComputedStyle(pre).fontFamily,
    language: pre.dataset.language,
    overflows: pre.scrollWidth > pre.clientWidth,
    pageOverflows: document.documentElement.scrollWidth > window.innerWidth,
  }));

for (const width of [320, 1280]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`a code block at ${width} px, ${colorScheme}: as written, monospace, scrolling in its own box`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme });
      await page.goto(story);
      const code = await codeBlock(page, '#app');
      expect(code.text).toBe(lean);
      expect(code.language).toBe('lean');
      expect(code.font).toMatch(/mono/i);
      expect(code.pageOverflows).toBe(false);
      // On a phone the long line scrolls inside the box, which a keyboard can reach to scroll it.
      expect(code.overflows).toBe(width === 320);
      const box = page.locator('#app pre.code');
      await box.focus();
      await expect(box).toBeFocused();
      await expectAccessible(page);
    });
  }
}

test('the prerendered page shows the code block as the app does', async ({ browser }) => {
  const still = await browser.newContext({ javaScriptEnabled: false, baseURL: 'http://127.0.0.1:4173' });
  const page = await still.newPage();
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(story);
  const code = await codeBlock(page, '#prerendered');
  expect(code).toEqual({ text: lean, font: expect.stringMatching(/mono/i), language: 'lean', overflows: true, pageOverflows: false });
  await expect(page.locator('#prerendered pre.code')).toHaveAttribute('tabindex', '0');
  await still.close();
});
