// Search for every reader: an edition of headlines in fifteen languages and twelve scripts (two of
// them right to left), searched with the words readers actually type: without accents, parts of
// Chinese, Japanese and Korean words, joined and split forms, and one slip of the finger. Each query
// must find its story and mark exactly the characters it matched.
import { test, expect, expectAccessible, stories } from './fixtures.mjs';

const headline = (slug, title, summary, section = 'world') => ({ slug, title, section, date: '2026-11-25', summary, impact: 50 });

const HEADLINES = [
  headline('ellada', 'Η Ελλάδα επενδύει στην τεχνητή νοημοσύνη', 'Νέο πρόγραμμα για πανεπιστήμια.'),
  headline('zhongguo', '中国经济增长放缓，出口下降', '统计局周一公布的数字。'),
  headline('tokyo', '東京都知事が新たな防災計画を発表', '首都直下地震に備える。'),
  headline('hangug', '인공지능 규제 법안 국회 통과', '새 법은 내년부터 시행된다.'),
  headline('realtime', 'Real-time translation comes to e-commerce', 'Shops sell across borders.', 'tech'),
  headline('dont-panic', "Don't panic: Europe's chip plan explained", 'Billions for new factories.', 'tech'),
  headline('gpt-5', 'OpenAI ships GPT-5 to schools', 'Teachers get a new assistant.', 'tech'),
  headline('berlin', 'Neue Straßenbahn für Berlin', 'Die Verkehrswende kommt voran.'),
  headline('istanbul', "İstanbul'da yapay zekâ zirvesi", 'Iğdır ve Ankara da katıldı.'),
  headline('arabic', 'الذَّكَاء الاصطناعي يغير سوق العمل', 'تقرير جديد عن الوظائف.'),
  headline('hebrew', 'בחירות בישראל: הסקרים האחרונים', 'המפלגות מתכוננות.'),
  headline('thai', 'การเลือกตั้งครั้งใหม่ในกรุงเทพ', 'ผู้คนออกมาใช้สิทธิ์'),
  headline('france', "L'économie française ralentit", 'La croissance recule au troisième trimestre.'),
  headline('vietnam', 'Tiếng Việt trên mạng xã hội', 'Người trẻ dùng mạng nhiều hơn.'),
  headline('russia', 'Экономика России растёт', 'Данные за ноябрь.'),
  headline('danmark', 'Ærø får ny færge', 'Øen venter på sommeren.'),
  headline('regulation', 'New regulation for platforms', 'Parliament votes on Tuesday.', 'tech'),
];

const EDITION = {
  schema: 2,
  title: 'Gazette',
  tagline: 'A multilingual edition for the search tests.',
  published: '2026-11-25',
  sections: [
    { slug: 'world', name: 'World', description: 'News in many languages.' },
    { slug: 'tech', name: 'Technology', description: 'Machines and code.' },
  ],
  headlines: HEADLINES,
  older_chunks: 0,
};

async function openEdition(page) {
  await page.route('**/edition/index.json', (route) => route.fulfill({ json: EDITION }));
  await page.goto('/');
  await expect(stories(page)).toHaveCount(HEADLINES.length);
}

// What a reader types, the story it finds, and what is marked in it (title and summary, in order).
const QUERIES = [
  ['ελλαδα', 'Η Ελλάδα επενδύει στην τεχνητή νοημοσύνη', ['Ελλάδα']],
  ['νοημοσυνη', 'Η Ελλάδα επενδύει στην τεχνητή νοημοσύνη', ['νοημοσύνη']],
  ['经济', '中国经济增长放缓，出口下降', ['经济']],
  ['济增长', '中国经济增长放缓，出口下降', ['济增长']],
  ['防災', '東京都知事が新たな防災計画を発表', ['防災']],
  ['지능', '인공지능 규제 법안 국회 통과', ['지능']],
  ['realtime', 'Real-time translation comes to e-commerce', ['Real-time']],
  ['real time', 'Real-time translation comes to e-commerce', ['Real', 'time']],
  ['ecommerce', 'Real-time translation comes to e-commerce', ['e-commerce']],
  ['dont', "Don't panic: Europe's chip plan explained", ["Don't"]],
  ['europes', "Don't panic: Europe's chip plan explained", ["Europe's"]],
  ['gpt5', 'OpenAI ships GPT-5 to schools', ['GPT-5']],
  ['gpt 5', 'OpenAI ships GPT-5 to schools', ['GPT', '5']],
  ['strasse', 'Neue Straßenbahn für Berlin', ['Straße']],
  ['istanbul', "İstanbul'da yapay zekâ zirvesi", ['İstanbul']],
  ['igdir', "İstanbul'da yapay zekâ zirvesi", ['Iğdır']],
  ['الذكاء', 'الذَّكَاء الاصطناعي يغير سوق العمل', ['الذَّكَاء']],
  ['سوق', 'الذَّكَاء الاصطناعي يغير سوق العمل', ['سوق']],
  ['בחירות', 'בחירות בישראל: הסקרים האחרונים', ['בחירות']],
  ['เลือกตั้ง', 'การเลือกตั้งครั้งใหม่ในกรุงเทพ', ['เลือกตั้ง']],
  ['economie', "L'économie française ralentit", ['économie']],
  ['tieng viet', 'Tiếng Việt trên mạng xã hội', ['Tiếng', 'Việt']],
  ['растет', 'Экономика России растёт', ['растёт']],
  ['aero', 'Ærø får ny færge', ['Ærø']],
];

for (const [query, title, marks] of QUERIES) {
  test(`typing ${JSON.stringify(query)} finds "${title}" and marks ${JSON.stringify(marks)}`, async ({ page }) => {
    await openEdition(page);
    await page.getByLabel('Search headlines').pressSequentially(query);
    await expect(page.locator('.finder-status')).toHaveText('1 story matches.');
    await expect(stories(page)).toHaveCount(1);
    await expect(stories(page).locator('.story-title')).toHaveText(title);
    await expect(stories(page).locator('mark')).toHaveText(marks);
    await expect(page).toHaveURL(`/?q=${encodeURIComponent(query)}`);
  });
}

test('one slip in a long word still finds the story, and the page says the match is close', async ({ page }) => {
  await openEdition(page);
  const box = page.getByLabel('Search headlines');
  await box.pressSequentially('regulaton');
  const status = page.locator('.finder-status');
  await expect(status).toHaveText('No stories match exactly; showing 1 close match.');
  // Visible, and announced: the line is a polite live region.
  await expect(page.getByRole('status').filter({ hasText: 'close match' })).toBeVisible();
  await expect(stories(page).locator('.story-title')).toHaveText('New regulation for platforms');
  await expect(stories(page).locator('mark')).toHaveText(['regulation']);
  await expectAccessible(page);
  // Two slips are not one.
  await box.fill('regukaton');
  await expect(status).toHaveText('No stories match.');
  await expect(page.getByText('No stories match your search.')).toBeVisible();
  // An exact match says nothing of close ones.
  await box.fill('regulation');
  await expect(status).toHaveText('1 story matches.');
});
