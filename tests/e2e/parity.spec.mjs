// The prerendered pages are drawn by the app's own components, so a reader sees the same page before
// and after the app takes over: for every route in the sitemap (and the saved list and 404.html),
// the text of the prerendered page's main content equals the app's once it has taken over.
//
// One part differs on purpose: the contact page's body, which is the form in the app and, in the
// prerendered page, the newsroom's address (the form cannot work without JavaScript).
import { test, expect } from './fixtures.mjs';

const NEEDS_THE_APP = '.contact-body';

async function sitemapPaths(request) {
  const text = await (await request.get('/sitemap.xml')).text();
  return [...text.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => new URL(loc).pathname);
}

/// The visible text of `main` inside `scope`, without the parts only the app can draw, with runs
/// of white space made one.
function mainText(page, scope) {
  return page.locator(`${scope} main`).evaluate((main, skip) => {
    const copy = main.cloneNode(true);
    copy.querySelectorAll(skip).forEach((part) => part.replaceChildren());
    // innerText needs the copy laid out, so it goes where the original was, briefly.
    copy.style.position = 'absolute';
    main.after(copy);
    const text = copy.innerText;
    copy.remove();
    return text.replace(/\s+/g, ' ').trim();
  }, NEEDS_THE_APP);
}

// The address of no page is answered with 404.html, as it should be.
test.use({ allowedConsole: [/status of 404/] });

test('every page shows the same text before and after the app takes over', async ({ page, request, browser }) => {
  test.setTimeout(120_000); // two dozen pages, each waiting for the app
  const paths = [...(await sitemapPaths(request)), '/saved/', '/no-such-page/'];
  expect(paths.filter((path) => path.startsWith('/articles/'))).toHaveLength(18);
  const still = await browser.newContext({ javaScriptEnabled: false, baseURL: 'http://127.0.0.1:4173' });
  const prerendered = await still.newPage();
  for (const path of paths) {
    await prerendered.goto(path);
    const before = await mainText(prerendered, '#prerendered');
    expect(before.length, path).toBeGreaterThan(20);

    await page.goto(path);
    await expect(page.locator('#prerendered'), path).toHaveCount(0, { timeout: 15_000 });
    // Lists settle once the whole archive has arrived, as the prerendered page has it.
    for (const status of await page.locator('[data-archive]').all()) {
      await expect(status).toHaveAttribute('data-archive', 'complete');
    }
    const after = await mainText(page, '#app');
    expect(after, path).toBe(before);
  }
  await still.close();
});
