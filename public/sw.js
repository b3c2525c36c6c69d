// Gazette's service worker. This file is valid JavaScript as it stands; press (crates/press/src/
// worker.rs) fills in the three values below after each build, and refuses to finish if it cannot
// find them. Our own small worker rather than Workbox: nothing to load from npm at run time.
const VERSION = 'unbuilt';
// What the app needs to start and show its first screen, and nothing else (an allow list in
// worker.rs): the hashed js, wasm and css, the app shell (shell.html, the page of no route in
// particular, so a deep link never shows another page's prerendered copy), the edition's index,
// contact.json, the manifest and icons. Addresses are relative to the worker, so the site may live
// under a sub-path.
const PRECACHE = [];
// The app's routes (gazette_core::routes::Route), as patterns of an address relative to the
// worker (`articles/a-story/`). A navigation to one of them gets the app shell; any other address
// (the feed, the sitemap, robots.txt, a file the host added) is fetched as itself.
const ROUTES = [];

const SHELL = `gazette-shell-${VERSION}`;
const EDITION = 'gazette-edition'; // articles, chunks and images, cached as they are read
// 'gazette-saved' holds the articles the reader saved and their pictures (the page writes it); it
// is never cleaned here.
const here = (path) => new URL(path, self.location).href;
const SCOPE_PATH = new URL(here('./')).pathname;
const SHELL_URL = here('shell.html');
const NETWORK_FIRST = ['edition/index.json', 'contact.json', 'feed.xml'].map(here);
const EDITION_FILES = here('edition/');
const APP_ROUTES = ROUTES.map((source) => new RegExp(source));

const isAppRoute = (url) =>
  url.pathname.startsWith(SCOPE_PATH) && APP_ROUTES.some((route) => route.test(url.pathname.slice(SCOPE_PATH.length)));

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key.startsWith('gazette-shell-') && key !== SHELL).map((key) => caches.delete(key))),
      )
      // Takes charge of the page that installed it at once, so a first visit works offline without
      // a reload. (An update activates only when the reader chooses "Refresh", and then the page
      // reloads into the new build.)
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  // The page asks the waiting worker to take over once the reader chooses "Refresh".
  if (event.data === 'skip-waiting') self.skipWaiting();
  // The page lists what it fetched before this worker controlled it (see `keep`).
  else if (Array.isArray(event.data?.keep)) event.waitUntil(keep(event.data.keep));
});

// Keeps the edition's files the page fetched before this worker took charge (the chunks, the
// article it opened, their pictures), as if they had been read through it. Mostly from the
// browser's HTTP cache.
async function keep(addresses) {
  const cache = await caches.open(EDITION);
  await Promise.all(
    addresses.map(async (address) => {
      const url = new URL(address, self.location);
      const key = url.origin + url.pathname;
      if (!key.startsWith(EDITION_FILES) || NETWORK_FIRST.includes(key) || (await caches.match(key))) return;
      try {
        const response = await fetch(key);
        if (response.ok) await cache.put(key, response);
      } catch {
        // Offline already: it was not kept, and the page will say so when it is asked for.
      }
    }),
  );
}

async function networkFirst(request) {
  const cache = await caches.open(SHELL);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('slow')), 3000)),
    ]);
    if (response.ok) await cache.put(request.url, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request.url);
    if (!cached) return Response.error();
    // Tells the page it is seeing a kept copy, so it can say so and when it was fetched.
    const headers = new Headers(cached.headers);
    headers.set('x-gazette-copy', 'kept');
    return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
  }
}

async function staleWhileRevalidate(event, request) {
  const cached = await caches.match(request);
  const fresh = fetch(request).then(async (response) => {
    if (response.ok) await (await caches.open(EDITION)).put(request, response.clone());
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined));
    return cached;
  }
  return fresh;
}

// Any other address: as the server has it; offline, a kept copy, or else the app shell, whose
// app says the page is not found.
async function asItself(request) {
  try {
    return await fetch(request);
  } catch (error) {
    return (await caches.match(request)) ?? (await caches.match(SHELL_URL, { cacheName: SHELL })) ?? Response.error();
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const key = url.origin + url.pathname;
  if (NETWORK_FIRST.includes(key)) {
    event.respondWith(networkFirst(request));
  } else if (request.mode === 'navigate' && isAppRoute(url)) {
    // Every route is the app shell of this build, so old and new assets never mix.
    event.respondWith(caches.match(SHELL_URL, { cacheName: SHELL }).then((shell) => shell ?? fetch(request)));
  } else if (request.mode === 'navigate') {
    event.respondWith(asItself(request));
  } else if (key.startsWith(EDITION_FILES)) {
    event.respondWith(staleWhileRevalidate(event, request));
  } else {
    event.respondWith(caches.match(request, { cacheName: SHELL }).then((cached) => cached ?? fetch(request)));
  }
});
