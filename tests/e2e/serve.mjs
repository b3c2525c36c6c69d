// A plain static file server, as a CDN or `python -m http.server` would be: a file for each
// address, a folder's index.html (after a redirect to the address with its slash), and 404.html
// with status 404 for anything else. No rewrite rules. It applies the site's `_headers` file (the
// format Netlify and Cloudflare Pages read), so the tests run under the headers a deploy sends.
//   node serve.mjs <dir> <port> [--base /news/] [--edition <dir served at <base>edition/ instead>]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const [dirArg, portArg, ...options] = process.argv.slice(2);
const option = (name) => {
  const at = options.indexOf(name);
  return at === -1 ? null : options[at + 1];
};
const root = resolve(dirArg ?? '../../dist');
const port = Number(portArg ?? 4173);
const base = option('--base') ?? '/';
const edition = option('--edition') ? resolve(option('--edition')) : null;
const types = {
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

/** `_headers`: a path pattern line (`*` matches anything), then indented `Name: value` lines. */
function readHeaders() {
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
      const pattern = line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
      rules.push({ pattern: new RegExp(`^${pattern}$`), headers: {} });
    } else if (rules.length) {
      const at = line.indexOf(':');
      rules.at(-1).headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
    }
  }
  return rules;
}
const rules = readHeaders();
const headersFor = (pathname) =>
  Object.assign({}, ...rules.filter((rule) => rule.pattern.test(pathname)).map((rule) => rule.headers));

async function find(pathname) {
  if (!pathname.startsWith(base)) return { status: 404 };
  const relative = decodeURIComponent(pathname.slice(base.length));
  const [dir, rest] = edition && relative.startsWith('edition/') ? [edition, relative.slice(8)] : [root, relative];
  const path = normalize(join(dir, rest));
  if (!path.startsWith(dir)) return { status: 404 };
  const info = await stat(path).catch(() => null);
  if (info?.isFile()) return { status: 200, path };
  if (info?.isDirectory()) {
    if (!pathname.endsWith('/')) return { status: 301, location: `${pathname}/` };
    const index = join(path, 'index.html');
    if ((await stat(index).catch(() => null))?.isFile()) return { status: 200, path: index };
  }
  return { status: 404 };
}

createServer(async (request, response) => {
  const url = new URL(request.url, 'http://localhost');
  const found = await find(url.pathname).catch(() => ({ status: 404 }));
  const headers = { 'cache-control': 'no-cache', ...headersFor(url.pathname) };
  if (found.status === 301) {
    response.writeHead(301, { ...headers, location: found.location + url.search }).end();
    return;
  }
  let path = found.path;
  if (found.status === 404) {
    path = join(root, '404.html');
    if (!(await stat(path).catch(() => null))) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
  }
  const body = await readFile(path);
  response.writeHead(found.status, { ...headers, 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}${base}`));
