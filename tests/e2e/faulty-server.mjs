// A static file server that misbehaves on purpose, for faults.spec.mjs.
//
// Without faults it serves a dist folder exactly as serve.mjs does: a file for each address, a
// folder's index.html (after a redirect to the address with its slash), 404.html with status 404
// for anything else, and the build's `_headers` applied, so the strict Content-Security-Policy holds.
// A fault table, set by the test, makes chosen addresses fail instead:
//
//   POST /_faults  {"<pathname>": "<fault>", ...}   replaces the table ({} clears it); a pathname
//                                                    may use * for any run of characters
//
// Faults for a GET:
//   404, 500         that status (404 with the site's 404.html, as a real host would send it)
//   html             200 with a host's "Welcome to nginx!" page, text/html
//   truncated        the real file cut in half, with a Content-Length that matches the cut body
//   wrong-schema     the real JSON with "schema" set to 99
//   huge             10 MB of valid JSON padding, chunked, with no Content-Length
//   huge-announced   the same 10 MB with its Content-Length
//   hang             never answers
//   drop             the headers (announcing the whole file) and half the body, then a reset
//   slow             the real file after 3 seconds
//   trickle          the real file at once, but its body in 8 pieces 2 s apart (14 s in all, as a
//                    large chunk comes on a slow mobile link: long, but never silent for long)
//   once-500         500 the first time, then the real file
//
// It is also a contact service (README, "The contact form and its service") that passes requests
// (with the page's Origin, which the service checks) on to the real one (--upstream, http://127.0.0.1:4300 by default) unless the table names their
// path. It is mounted at /contact-service on the site's own origin, which the page's policy allows
// (connect-src 'self'), so the browser talks to it directly, over a real socket. Faults for a
// contact request:
//   slow             the real service's answer, 4 seconds late
//   garbage          200 with the body `<<<not json`
//   drop             the connection reset without an answer
//   hang             never answers
//   404, 500         that status with the protocol's error body
//
//   node faulty-server.mjs <dir> <port> [--upstream <url>]
// It prints one line when it is listening.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { glob, send, staticSite, types } from './static-site.mjs';

const args = process.argv.slice(2);
const flag = (name) => {
  const at = args.indexOf(name);
  if (at === -1) return null;
  const [, value] = args.splice(at, 2);
  return value ?? '';
};
const upstream = (flag('--upstream') ?? 'http://127.0.0.1:4300').replace(/\/$/, '');
const [dirArg, portArg] = args;
const root = resolve(dirArg);
const port = Number(portArg ?? 4210);
const contactMount = '/contact-service';

const MB = 1024 * 1024;
const STATIC_FAULTS = ['404', '500', 'html', 'truncated', 'wrong-schema', 'huge', 'huge-announced', 'hang', 'drop', 'slow', 'trickle', 'once-500'];
const CONTACT_FAULTS = ['slow', 'garbage', 'drop', 'hang', '404', '500'];

// ---- the plain static server, as serve.mjs ------------------------------------------------------

const site = staticSite(root);
const { headersFor, notFound } = site;
const plain = (url) => site.answer(url);

// ---- the faults ----------------------------------------------------------------------------------

let faults = new Map(); // pathname pattern -> fault

function faultFor(pathname) {
  for (const [pattern, fault] of faults) if (glob(pattern).test(pathname)) return [pattern, fault];
  return [null, null];
}

const NGINX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** Ten megabytes of JSON that parses (`{"schema": 2, "padding": "xxx…"}`), in 64 KiB pieces. */
function* padding() {
  const head = '{"schema": 2, "padding": "';
  const tail = '"}';
  const piece = Buffer.alloc(64 * 1024, 'x');
  let left = 10 * MB - head.length - tail.length;
  yield Buffer.from(head);
  while (left > 0) {
    yield left >= piece.length ? piece : piece.subarray(0, left);
    left -= piece.length;
  }
  yield Buffer.from(tail);
}

/** Writes `pieces` as fast as the reader takes them, and stops if the reader goes away. */
function stream(response, pieces) {
  const next = () => {
    // Not for…of, which would close the generator on the first pause.
    for (let piece = pieces.next(); !piece.done; piece = pieces.next()) {
      if (response.destroyed) return;
      if (!response.write(piece.value)) return void response.once('drain', next);
    }
    response.end();
  };
  next();
}

async function staticFault(fault, pattern, url, request, response) {
  const headers = headersFor(url.pathname);
  switch (fault) {
    case '404':
      return send(response, await notFound(headers));
    case 'once-500':
      faults.delete(pattern);
    // falls through
    case '500':
      return send(response, { status: 500, headers: { ...headers, 'content-type': types['.html'] }, body: Buffer.from('<h1>500 Internal Server Error</h1>\n') });
    case 'html':
      return send(response, { status: 200, headers: { ...headers, 'content-type': 'text/html' }, body: Buffer.from(NGINX) });
    case 'huge':
      response.writeHead(200, { ...headers, 'content-type': types['.json'] }); // no length: chunked
      return stream(response, padding());
    case 'huge-announced':
      response.writeHead(200, { ...headers, 'content-type': types['.json'], 'content-length': 10 * MB });
      return stream(response, padding());
    case 'hang':
      return; // the request stays open until the reader gives up
    case 'slow':
      await new Promise((done) => setTimeout(done, 3000));
      return send(response, await plain(url));
    default:
  }
  const real = await plain(url);
  if (fault === 'truncated') return send(response, { ...real, body: real.body.subarray(0, Math.floor(real.body.length / 2)) });
  if (fault === 'wrong-schema') {
    const json = JSON.parse(real.body.toString('utf8'));
    return send(response, { ...real, body: Buffer.from(JSON.stringify({ ...json, schema: 99 })) });
  }
  if (fault === 'trickle') {
    response.writeHead(real.status, { ...real.headers, 'content-length': real.body.length });
    const size = Math.ceil(real.body.length / 8);
    for (let at = 0; at < real.body.length; at += size) {
      if (at > 0) await new Promise((done) => setTimeout(done, 2000));
      if (response.destroyed) return;
      response.write(real.body.subarray(at, at + size));
    }
    return response.end();
  }
  if (fault === 'drop') {
    response.writeHead(real.status, { ...real.headers, 'content-length': real.body.length });
    response.write(real.body.subarray(0, Math.floor(real.body.length / 2)), () => {
      setTimeout(() => request.socket.destroy(), 50);
    });
  }
}

// ---- the contact service ------------------------------------------------------------------------

async function contact(url, request, response) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const [, fault] = faultFor(url.pathname);
  const json = (status, value) => send(response, { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(value)) });
  switch (fault) {
    case 'garbage':
      return send(response, { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('<<<not json') });
    case 'drop':
      return request.socket.destroy();
    case 'hang':
      return;
    case '404':
    case '500':
      return json(Number(fault), { error: { field: null, reason: 'injected', message: 'Injected fault.' } });
    case 'slow':
      await new Promise((done) => setTimeout(done, 4000));
      break;
    default:
  }
  // Passed on to the real service.
  const path = url.pathname.slice(contactMount.length) + url.search;
  const passed = {};
  for (const name of ['content-type', 'idempotency-key', 'origin']) if (request.headers[name]) passed[name] = request.headers[name];
  try {
    const answer = await fetch(upstream + path, { method: request.method, headers: passed, body: request.method === 'GET' ? undefined : body });
    const headers = { 'content-type': answer.headers.get('content-type') ?? 'application/json' };
    if (answer.headers.has('retry-after')) headers['retry-after'] = answer.headers.get('retry-after');
    send(response, { status: answer.status, headers, body: Buffer.from(await answer.arrayBuffer()) });
  } catch {
    json(502, { error: { field: null, reason: 'upstream', message: `No answer from ${upstream}.` } });
  }
}

// ---- the server ---------------------------------------------------------------------------------

async function control(request, response) {
  let table;
  try {
    let text = '';
    for await (const chunk of request) text += chunk;
    table = JSON.parse(text || '{}');
    for (const [path, fault] of Object.entries(table)) {
      const known = path.startsWith(`${contactMount}/`) ? CONTACT_FAULTS : STATIC_FAULTS;
      if (!known.includes(fault)) throw new Error(`unknown fault ${JSON.stringify(fault)} for ${path}; known: ${known.join(', ')}`);
    }
  } catch (error) {
    return send(response, { status: 400, headers: { 'content-type': 'text/plain' }, body: Buffer.from(String(error.message)) });
  }
  faults = new Map(Object.entries(table));
  send(response, { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(table)) });
}

const server = createServer(async (request, response) => {
  response.on('error', () => {});
  const url = new URL(request.url, 'http://localhost');
  try {
    if (url.pathname === '/_faults' && request.method === 'POST') return await control(request, response);
    if (url.pathname.startsWith(`${contactMount}/`)) return await contact(url, request, response);
    const [pattern, fault] = request.method === 'GET' ? faultFor(url.pathname) : [null, null];
    if (fault) return await staticFault(fault, pattern, url, request, response);
    send(response, await plain(url));
  } catch (error) {
    console.error(`faulty-server: ${request.method} ${url.pathname}: ${error.stack}`);
    if (!response.headersSent) send(response, { status: 500, headers: { 'content-type': 'text/plain' }, body: Buffer.from('test server error') });
    else request.socket.destroy();
  }
});
// A reader that goes away mid-answer is part of the game, not a server error.
server.on('connection', (socket) => socket.on('error', () => {}));
server.listen(port, '127.0.0.1', () =>
  console.log(`faulty server for ${root} at http://127.0.0.1:${port}/, contact service at ${contactMount}/ passing on to ${upstream}`),
);
