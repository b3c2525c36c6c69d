// The archive in several chunks (schema 2 numbers them from the oldest, the newest part-full): the
// app reads them newest first, so the list is in order at every moment of the load.
import { test, expect, stories } from './fixtures.mjs';

const story = (n) => ({
  slug: `story-${n}`,
  title: `Story ${n}`,
  section: 'world',
  date: `2026-11-${String(20 - n).padStart(2, '0')}`,
  summary: `The ${n}th newest story.`,
  impact: 50,
});
const CHUNKS = { 1: [6, 7], 2: [4, 5], 3: [3] };

test('older stories from every chunk join the list newest first, the newest chunk fetched first', async ({ page }) => {
  const asked = [];
  await page.route('**/edition/index.json', (route) => route.fulfill({
    json: {
      schema: 2, title: 'Gazette', tagline: 'Seven stories.', published: '2026-11-19',
      sections: [{ slug: 'world', name: 'World', description: '' }],
      headlines: [story(1), story(2)], older_chunks: 3,
    },
  }));
  await page.route('**/edition/index/*.json', (route) => {
    const n = Number(route.request().url().match(/index\/(\d+)\.json$/)[1]);
    asked.push(n);
    return route.fulfill({ json: { schema: 2, headlines: CHUNKS[n].map(story) } });
  });
  await page.goto('/');
  await expect(stories(page)).toHaveCount(7);
  expect(await stories(page).locator('h2').allTextContents()).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `Story ${n}`));
  expect(asked).toEqual([3, 2, 1]);
});
