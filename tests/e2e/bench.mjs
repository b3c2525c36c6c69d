// The search benchmark: synthetic editions of 1,000, 10,000 and 100,000 articles in the real bundle
// format, the release build in headless Chromium, and, in the same run on the same data, a plain
// JavaScript baseline (JSON.parse plus lowercase substring matching). Prints a table. A multilingual
// run follows: headlines in thirteen languages and eleven scripts, searched the way their readers
// type (no accents, parts of Chinese, Japanese and Korean words, one slip).
//   node tests/e2e/bench.mjs [sizes...] [--multilingual size]   (after `trunk build --release`;
//   .ci/bench does both; without arguments: 1,000, 10,000 and 100,000, then 100,000 multilingual;
//   GAZETTE_DIST=<folder> measures another build than dist/)
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const multilingualAt = args.indexOf('--multilingual');
const multilingualSize = multilingualAt === -1 ? null : Number(args[multilingualAt + 1]);
const sizes = args.filter((_, i) => multilingualAt === -1 || (i !== multilingualAt && i !== multilingualAt + 1)).map(Number).filter(Boolean);
const SIZES = sizes.length || multilingualSize ? sizes : [1_000, 10_000, 100_000];
const MULTILINGUAL = multilingualSize ?? (sizes.length ? null : 100_000);
const DIST = process.env.GAZETTE_DIST ?? join(here, '../../dist');
const FIRST = 50; // headlines in index.json
const CHUNK = 1_000; // headlines per older chunk
const TYPED = 'regulation data court'; // typed at a normal pace, one keystroke at a time
const PASSES = 5; // typed five times per page: 105 keystrokes, so the p95 is not one outlier
// The multilingual run's queries, as readers type them, each typed twice (228 keystrokes).
const TYPED_MULTILINGUAL = ['ελλαδα οικονομια', '经济增长', 'regulaton realtime', '인공지능 연구', 'istanbul ekonomi',
  'ekonomi secim', '防災計画', 'economie societe', 'الاقتصاد', 'gpt5 europes'];

// --- Synthetic editions: deterministic, realistic lengths, some accented words. ---------------
function random(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const COMMON = ('court data regulation model policy chip law research market privacy security cloud energy ' +
  'network climate health finance election software hardware robot satellite quantum battery trade ' +
  'school city water transport labour copyright contract tax bank insurance media platform').split(' ');
const ACCENTED = ['régime', 'café', 'naïve', 'São', 'Zürich', 'façade', 'rôle', 'coöperation'];
function vocabulary(next) {
  const syllables = ['ka', 'ri', 'to', 'men', 'sal', 'vor', 'dex', 'lin', 'qua', 'ber', 'on', 'tis', 'mo', 'rel', 'gan'];
  const words = [];
  for (let i = 0; i < 6_000; i += 1) {
    const length = 2 + Math.floor(next() * 3);
    words.push(Array.from({ length }, () => syllables[Math.floor(next() * syllables.length)]).join(''));
  }
  return words;
}
function sentence(next, words, count) {
  return Array.from({ length: count }, () => {
    const roll = next();
    const pool = roll < 0.3 ? COMMON : roll < 0.32 ? ACCENTED : words;
    return pool[Math.floor(next() * pool.length)];
  }).join(' ');
}
// Each language: real words, a script to make more from (its own letters, as a newsroom's archive
// holds far more words than any list), and whether its words are written apart.
const LANGUAGES = [
  { words: "regulation data court real-time e-commerce Europe's don't GPT-5 market privacy", letters: 'abcdefghilmnoprstu', spaced: true },
  { words: 'Straße Gesetz Gericht Daten Wirtschaft Forschung Regierung Künstliche Intelligenz Bundestag', letters: 'abdeghiklmnorstuäöüß', spaced: true },
  { words: 'économie société élection réglementation données tribunal santé énergie', letters: 'abcdeéèilmnoprstuç', spaced: true },
  { words: 'İstanbul ekonomi seçim yapay zekâ mahkeme Iğdır şirket', letters: 'abcdeğhıiklmnoöprsştuüyz', spaced: true },
  { words: 'Ελλάδα οικονομία νοημοσύνη τεχνητή εκλογές δικαστήριο ενέργεια', letters: 'αάβγδεέζηήικλμνοόπρστυύφχω', spaced: true },
  { words: 'экономика выборы суд данные исследование', letters: 'абвгдеийклмнопрстуя', spaced: true },
  { words: 'الذكاء الاصطناعي الاقتصاد المحكمة الانتخابات البيانات', letters: 'ابتجحدرسعقكلمنهوي', spaced: true },
  { words: 'כלכלה בחירות משפט נתונים מחקר', letters: 'אבגדהוחיכלמנסעפרשת', spaced: true },
  { words: 'Tiếng Việt kinh tế bầu cử dữ liệu', letters: 'abcdeêghiklmnoôơtuưy', spaced: true },
  { words: '经济 增长 放缓 中国 出口 下降 人工 智能 法院 数据 研究 市场 政府 能源 气候', letters: '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府', spaced: false },
  { words: '東京都 知事 防災 計画 発表 経済 人工知能 研究 市場 政府 がっこう データ', letters: 'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだでどばびぶべぼアイウエオカキクケコサシスセソタチツテト', spaced: false },
  { words: '인공지능 경제 성장 법원 데이터 연구 시장 정부 선거', letters: '가나다라마바사아자차카타파하거너더러머버서어저고노도로모보소오조구누두루무부수우주', spaced: true },
  { words: 'เศรษฐกิจ การเลือกตั้ง ข้อมูล ศาล ตลาด', letters: 'กขคงจชซดตทนบปผพฟมยรลวสหอะาิีึืุูเแโใไ่้', spaced: false },
].map((language) => ({ ...language, words: language.words.split(' '), letters: [...language.letters] }));

function multilingualSentence(next, language, invented, count) {
  const words = Array.from({ length: count }, () => {
    const pool = next() < 0.4 ? language.words : invented;
    return pool[Math.floor(next() * pool.length)];
  });
  return words.join(language.spaced ? ' ' : '');
}

function multilingualHeadline(next, inventedWords) {
  const which = Math.floor(next() * LANGUAGES.length);
  const language = LANGUAGES[which];
  const invented = inventedWords[which];
  return {
    title: multilingualSentence(next, language, invented, 6 + Math.floor(next() * 5)),
    summary: `${multilingualSentence(next, language, invented, 18 + Math.floor(next() * 10))}.`,
  };
}

function edition(size, dir, multilingual = false) {
  const next = random(size);
  const words = vocabulary(next);
  // 2,000 invented words a language, two to four letters (unspaced scripts) or three to eight.
  const inventedWords = !multilingual ? [] : LANGUAGES.map((language) => Array.from({ length: 2_000 }, () => {
    const length = language.spaced ? 3 + Math.floor(next() * 6) : 2 + Math.floor(next() * 3);
    return Array.from({ length }, () => language.letters[Math.floor(next() * language.letters.length)]).join('');
  }));
  const sections = ['research', 'industry', 'policy', 'law'];
  const day = 24 * 3600 * 1000;
  const headlines = Array.from({ length: size }, (_, i) => {
    if (multilingual) {
      return {
        slug: `story-${i}`,
        ...multilingualHeadline(next, inventedWords),
        section: sections[i % 4],
        date: new Date(Date.UTC(2026, 10, 25) - Math.floor(i / 20) * day).toISOString().slice(0, 10),
        impact: Math.floor(next() * 101),
      };
    }
    const title = sentence(next, words, 6 + Math.floor(next() * 5));
    return {
      slug: `story-${i}`,
      title: title[0].toUpperCase() + title.slice(1),
      section: sections[i % 4],
      date: new Date(Date.UTC(2026, 10, 25) - Math.floor(i / 20) * day).toISOString().slice(0, 10),
      summary: `${sentence(next, words, 18 + Math.floor(next() * 10))}.`,
      impact: Math.floor(next() * 101),
    };
  });
  const chunks = Math.ceil(Math.max(0, size - FIRST) / CHUNK);
  mkdirSync(join(dir, 'index'), { recursive: true });
  writeFileSync(join(dir, 'index.json'), JSON.stringify({
    schema: 2, title: 'Gazette', tagline: 'A synthetic edition for the benchmark.', published: '2026-11-25',
    sections: sections.map((slug) => ({ slug, name: slug[0].toUpperCase() + slug.slice(1), description: '' })),
    headlines: headlines.slice(0, FIRST), older_chunks: chunks,
  }));
  // Numbered from the oldest, as press numbers them: the newest chunk (the highest number) may be part-full.
  for (let n = 1; n <= chunks; n += 1) {
    const end = size - (n - 1) * CHUNK;
    writeFileSync(join(dir, 'index', `${n}.json`), JSON.stringify({ schema: 2, headlines: headlines.slice(Math.max(FIRST, end - CHUNK), end) }));
  }
  writeFileSync(join(dir, 'baseline.html'), BASELINE);
  writeFileSync(join(dir, 'baseline.js'), BASELINE_JS);
}

// The baseline: what a plain script would do with the same files. Its script is a file of its own,
// since the site's Content-Security-Policy (served for every path) refuses inline ones.
const BASELINE = `<!doctype html><meta charset="utf-8"><title>Baseline</title>
<label for="search">Search</label><input id="search" type="search"><p id="count"></p><ol class="stories"></ol>
<script src="baseline.js"></script>`;
const BASELINE_JS = `
let all = [];
const list = document.querySelector('ol'), count = document.getElementById('count'), box = document.getElementById('search');
function render() {
  const text = box.value.toLowerCase();
  const found = all.filter((h) => h.title.toLowerCase().includes(text) || h.summary.toLowerCase().includes(text));
  count.textContent = found.length + ' match';
  list.replaceChildren(...found.slice(0, 30).map((h) => {
    const li = document.createElement('li');
    li.innerHTML = '<article class="story"><h2 class="story-title"></h2><p></p></article>';
    li.querySelector('h2').textContent = h.title;
    li.querySelector('p').textContent = h.summary;
    return li;
  }));
}
box.addEventListener('input', render);
(async () => {
  const index = JSON.parse(await (await fetch('/edition/index.json')).text());
  all = index.headlines;
  render();
  for (let n = index.older_chunks; n >= 1; n -= 1) {
    all = all.concat(JSON.parse(await (await fetch('/edition/index/' + n + '.json')).text()).headlines);
  }
  window.__complete = performance.now();
  render();
})();
`;

// --- Measuring in the page. -------------------------------------------------------------------
// Records when the first headline appears, when the archive is complete, and, per keystroke, the
// time from the key event to the first frame painted after the results changed (`__latencies`) and
// to the results written into the page (`__dom`: the work, without the frame).
const INSTRUMENT = () => {
  window.__latencies = [];
  window.__dom = [];
  addEventListener('TrunkApplicationStarted', (event) => (window.__memory = event.detail.wasm.memory));
  new MutationObserver(() => {
    // The app's first headline and its complete archive, from the synthetic edition: the page's
    // prerendered copy (the sample edition's, drawn complete) does not count.
    const app = !document.getElementById('prerendered');
    if (!window.__first && app && document.querySelector('.story-title')) window.__first = performance.now();
    if (!window.__complete && app && document.querySelector('[data-archive=complete]')) window.__complete = performance.now();
  }).observe(document, { childList: true, subtree: true, attributes: true });
  let key = null;
  addEventListener('keydown', (event) => { key = { start: event.timeStamp, dom: 0, painted: false }; }, true);
  // Characters off the keyboard's layout (Chinese, Greek...) arrive as text with no key event.
  addEventListener('beforeinput', (event) => {
    if (!key || key.painted) key = { start: event.timeStamp, dom: 0, painted: false };
  }, true);
  new MutationObserver(() => { if (key && !key.painted) key.dom = performance.now(); })
    .observe(document, { childList: true, subtree: true, characterData: true });
  // On window, after the app's listener on the input itself: this frame callback runs after the app's.
  addEventListener('input', () => {
    const typed = key;
    if (!typed) return;
    requestAnimationFrame(() => setTimeout(() => {
      typed.painted = true;
      window.__latencies.push(performance.now() - typed.start);
      if (typed.dom) window.__dom.push(typed.dom - typed.start);
    }));
  });
};

async function measure(browser, url, port, phrases) {
  const page = await browser.newPage();
  await page.addInitScript(INSTRUMENT);
  await page.goto(`http://127.0.0.1:${port}${url}`);
  await page.waitForFunction(() => window.__first, null, { timeout: 60_000 });
  await page.waitForFunction(() => window.__complete, null, { timeout: 300_000, polling: 100 });
  const timings = await page.evaluate(() => {
    const first = window.__first;
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    const bytes = entries.filter((entry) => entry.responseEnd <= first).reduce((sum, entry) => sum + entry.transferSize, 0);
    return { first, complete: window.__complete, bytes };
  });
  const box = page.getByLabel(/^Search/).first();
  await box.click();
  const latencies = [];
  const dom = [];
  for (const [pass, phrase] of phrases.entries()) {
    if (pass) {
      await box.fill('');
      await page.waitForTimeout(1000);
    }
    await page.evaluate(() => { window.__latencies = []; window.__dom = []; });
    await box.pressSequentially(phrase, { delay: 150 });
    await page.waitForTimeout(500);
    const [painted, written] = await page.evaluate(() => [window.__latencies, window.__dom]);
    latencies.push(...painted);
    dom.push(...written);
  }
  const client = await page.context().newCDPSession(page);
  await client.send('HeapProfiler.collectGarbage');
  const memory = await page.evaluate(() => performance.memory.usedJSHeapSize + (window.__memory?.buffer.byteLength ?? 0));
  await page.close();
  const at = (values, q) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  };
  return {
    ...timings,
    median: at(latencies, 0.5),
    p95: at(latencies, 0.95),
    domMedian: at(dom, 0.5),
    domP95: at(dom, 0.95),
    memory,
  };
}

// --- Run. -------------------------------------------------------------------------------------
const work = join(tmpdir(), 'gazette-bench');
rmSync(work, { recursive: true, force: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--enable-precise-memory-info'],
});
const rows = [];
const runs = SIZES.map((size) => ({ size, multilingual: false, phrases: Array(PASSES).fill(TYPED) }));
if (MULTILINGUAL) runs.push({ size: MULTILINGUAL, multilingual: true, phrases: [...TYPED_MULTILINGUAL, ...TYPED_MULTILINGUAL] });
try {
  for (const [i, { size, multilingual, phrases }] of runs.entries()) {
    const dir = join(work, `${size}${multilingual ? '-multilingual' : ''}`);
    edition(size, dir, multilingual);
    const port = 4400 + i;
    const server = spawn('node', [join(here, 'serve.mjs'), DIST, String(port), '--edition', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => server.stdout.once('data', resolve));
    try {
      const ours = await measure(browser, '/', port, phrases);
      const baseline = await measure(browser, '/edition/baseline.html', port, phrases);
      rows.push({ size, multilingual, ours, baseline });
      process.stderr.write(`measured ${size}${multilingual ? ' multilingual' : ''}\n`);
    } finally {
      server.kill();
    }
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const ms = (value) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
console.log(`Typing "${TYPED}" (${TYPED.length} keystrokes, 150 ms apart) ${PASSES} times${MULTILINGUAL ? `; multilingual: ${TYPED_MULTILINGUAL.map((phrase) => `"${phrase}"`).join(', ')}, each twice` : ''}; ratios are Gazette ÷ baseline (under 1 is better). Load average at the end: ${load}${Number(load) > 1 ? ' (the machine was busy: rerun when it is quiet)' : ''}.\n`);
console.log('| articles | | bytes before first headline | first headline | whole index searchable | keystroke to results, median | p95 | keystroke to paint, median | p95 | memory (JS heap + wasm) |');
console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const { size, multilingual, ours, baseline } of rows) {
  const n = `${size.toLocaleString('en')}${multilingual ? ' multilingual' : ''}`;
  const row = (name, r) => `| ${n} | ${name} | ${kib(r.bytes)} | ${ms(r.first)} | ${ms(r.complete)} | ${ms(r.domMedian)} | ${ms(r.domP95)} | ${ms(r.median)} | ${ms(r.p95)} | ${mb(r.memory)} |`;
  console.log(row('Gazette', ours));
  console.log(row('baseline', baseline));
  const keys = ['bytes', 'first', 'complete', 'domMedian', 'domP95', 'median', 'p95', 'memory'];
  console.log(`| ${n} | ratio | ${keys.map((key) => ratio(ours[key], baseline[key])).join(' | ')} |`);
}
