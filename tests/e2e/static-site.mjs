// A built site answered as a plain static host answers it: a file for each address, a folder's
// index.html (after a redirect to the address with its slash), and 404.html with status 404 for
// anything else. No rewrite rules. The site's `_headers` file (the format Netlify and Cloudflare
// Pages read) is applied, so the tests run under the headers a deploy sends. Shared by serve.mjs
// and faulty-server.mjs.
import { readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

export const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** A path pattern of `_headers` (or of a fault table): `*` matches anything. */
export const glob = (pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);

/** `_headers`: a path pattern line, then indented `Name: value` lines. */
function readHeaders(root) {
  let text;
  try {
    text = readFileSync(join(root, '_headers'), 'utf8');
  } catch {
    return [];
  }
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: glob(line.trim()), headers: {} });
    } else if (rules.length) {
      const at = line.indexOf(':');
      rules.at(-1).headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
    }
  }
  return rules;
}

/**
 * The site in `dir`, published at `base`; `edition` is a folder served at `<base>edition/` instead
 * of the site's own (the benchmark's synthetic editions).
 */
export function staticSite(dir, { base = '/', edition = null } = {}) {
  const root = resolve(dir);
  const editionRoot = edition && resolve(edition);
  const rules = readHeaders(root);
  const headersFor = (pathname) => ({
    'cache-control': 'no-cache',
    ...Object.assign({}, ...rules.filter((rule) => rule.pattern.test(pathname)).map((rule) => rule.headers)),
  });

  async function find(pathname) {
    if (!pathname.startsWith(base)) return { status: 404 };
    const relative = decodeURIComponent(pathname.slice(base.length));
    const [folder, rest] = editionRoot && relative.startsWith('edition/') ? [editionRoot, relative.slice(8)] : [root, relative];
    const path = normalize(join(folder, rest));
    if (!path.startsWith(folder)) return { status: 404 };
    const info = await stat(path).catch(() => null);
    if (info?.isFile()) return { status: 200, path };
    if (info?.isDirectory()) {
      if (!pathname.endsWith('/')) return { status: 301, location: `${pathname}/` };
      const index = join(path, 'index.html');
      if ((await stat(index).catch(() => null))?.isFile()) return { status: 200, path: index };
    }
    return { status: 404 };
  }

  /** The site's 404.html, with status 404. */
  async function notFound(headers) {
    const body = await readFile(join(root, '404.html')).catch(() => null);
    if (!body) return { status: 404, headers: { 'content-type': 'text/plain' }, body: Buffer.from('not found') };
    return { status: 404, headers: { ...headers, 'content-type': types['.html'] }, body };
  }

  /** The answer to a GET of `url`: status, headers and body. */
  async function answer(url) {
    const found = await find(url.pathname).catch(() => ({ status: 404 }));
    const headers = headersFor(url.pathname);
    if (found.status === 301) return { status: 301, headers: { ...headers, location: found.location + url.search }, body: Buffer.alloc(0) };
    if (found.status === 404) return notFound(headers);
    const body = await readFile(found.path);
    return { status: 200, headers: { ...headers, 'content-type': types[extname(found.path)] ?? 'application/octet-stream' }, body };
  }

  return { root, answer, headersFor, notFound };
}

/** Writes an answer, with its length. */
export function send(response, { status, headers, body }) {
  response.writeHead(status, { ...headers, 'content-length': body.length }).end(body);
}
