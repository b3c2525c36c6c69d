// A plain static file server for a built site, as a CDN or `python -m http.server` would be (see
// static-site.mjs): no rewrite rules, and the site's `_headers` applied.
//   node serve.mjs <dir> <port> [--base /news/] [--edition <dir served at <base>edition/ instead>]
import { createServer } from 'node:http';
import { send, staticSite } from './static-site.mjs';

const [dir, port, ...options] = process.argv.slice(2);
const option = (name) => {
  const at = options.indexOf(name);
  return at === -1 ? undefined : options[at + 1];
};
const base = option('--base') ?? '/';
const site = staticSite(dir ?? '../../dist', { base, edition: option('--edition') });

createServer(async (request, response) => {
  send(response, await site.answer(new URL(request.url, 'http://localhost')));
}).listen(Number(port ?? 4173), '127.0.0.1', () => console.log(`serving ${site.root} at http://127.0.0.1:${port ?? 4173}${base}`));
