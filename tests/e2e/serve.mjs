// A plain static file server for dist/, as a CDN would serve it, plus the one rule a single-page
// app needs: an address with no file extension gets index.html.
//   node serve.mjs <dir> <port> [<edition dir served at /edition/ instead of dist's>]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '../../dist');
const port = Number(process.argv[3] ?? 4173);
const edition = process.argv[4] ? resolve(process.argv[4]) : null;
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
};

async function fileFor(pathname) {
  const decoded = decodeURIComponent(pathname);
  const [base, relative] = edition && decoded.startsWith('/edition/') ? [edition, decoded.slice(9)] : [root, decoded];
  const path = normalize(join(base, relative));
  if (!path.startsWith(base)) return null;
  const info = await stat(path).catch(() => null);
  if (info?.isFile()) return path;
  if (info?.isDirectory()) return fileFor(join(pathname, 'index.html'));
  return extname(path) ? null : join(root, 'index.html');
}

createServer(async (request, response) => {
  const { pathname } = new URL(request.url, 'http://localhost');
  const path = await fileFor(pathname).catch(() => null);
  if (!path) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const body = await readFile(path);
  response
    .writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache' })
    .end(body);
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}/`));
