// A real contact service on loopback, implementing the protocol in the README, for the end-to-end
// tests: it issues codes, checks and expires them, rate-limits, and delivers each message once.
// Routes under /_test/ let a test read the "emailed" code and inject faults.
//   node contact-service.mjs <port>      (COOLDOWN=seconds between codes, default 30)
import { createServer } from 'node:http';
import { randomBytes, randomInt } from 'node:crypto';

const port = Number(process.argv[2] ?? 4300);
const cooldown = Number(process.env.COOLDOWN ?? 30);
const ttl = 10 * 60;
const seconds = () => Date.now() / 1000;

const verifications = new Map(); // id -> { email, code, expires, resendAt, attempts, token }
const tokens = new Map(); // token -> email
const delivered = new Map(); // idempotency key -> message
const starts = new Map(); // email -> [times]
const faults = new Map(); // path prefix -> { status, times }

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, idempotency-key',
  'access-control-expose-headers': 'retry-after',
};

function reply(response, status, body, headers = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...cors, ...headers }).end(JSON.stringify(body));
}
const refuse = (response, status, field, reason, message, headers) =>
  reply(response, status, { error: { field, reason, message } }, headers);

function issue(verification) {
  verification.code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  verification.expires = seconds() + ttl;
  verification.resendAt = seconds() + cooldown;
  verification.attempts = 0;
}

const validEmail = (email) => /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/.test(email);

const routes = {
  'POST /verifications': (body, response) => {
    if (!validEmail(body.email ?? '')) return refuse(response, 422, 'email', 'invalid', 'This is not an email address we can send to.');
    if (!body.name?.trim()) return refuse(response, 422, 'name', 'missing', 'A name is required.');
    const recent = (starts.get(body.email) ?? []).filter((time) => time > seconds() - 60);
    if (recent.length >= 3) return refuse(response, 429, null, 'rate_limited', 'Too many codes requested.', { 'retry-after': '45' });
    starts.set(body.email, [...recent, seconds()]);
    const id = randomBytes(8).toString('hex');
    const verification = { email: body.email };
    issue(verification);
    verifications.set(id, verification);
    reply(response, 201, { verification: id, resend_after: cooldown });
  },
  'POST /verifications/:id/resend': (body, response, id) => {
    const verification = verifications.get(id);
    if (!verification) return refuse(response, 404, null, 'unknown_verification', 'Start again.');
    const wait = Math.ceil(verification.resendAt - seconds());
    if (wait > 0) return refuse(response, 429, null, 'rate_limited', 'Wait before asking again.', { 'retry-after': String(wait) });
    issue(verification);
    reply(response, 201, { verification: id, resend_after: cooldown });
  },
  'POST /verifications/:id/confirm': (body, response, id) => {
    const verification = verifications.get(id);
    if (!verification) return refuse(response, 404, null, 'unknown_verification', 'Start again.');
    if (++verification.attempts > 5) return refuse(response, 429, 'code', 'rate_limited', 'Too many tries.', { 'retry-after': '60' });
    if (seconds() > verification.expires) return refuse(response, 422, 'code', 'expired', 'This code has expired.');
    if (body.code !== verification.code) return refuse(response, 422, 'code', 'wrong', 'That code is not right.');
    const token = randomBytes(12).toString('hex');
    tokens.set(token, verification.email);
    reply(response, 200, { token });
  },
  'POST /messages': (body, response, _id, request) => {
    const key = request.headers['idempotency-key'] ?? '';
    if (delivered.has(key)) return reply(response, 201, { id: delivered.get(key).id });
    const email = tokens.get(body.token);
    if (!email) return refuse(response, 422, null, 'invalid_token', 'Verify your email address again.');
    const text = (body.message ?? '').trim();
    if (text.length < 10 || text.length > 5000) return refuse(response, 422, 'message', 'length', 'The message must be 10 to 5,000 characters.');
    const message = { id: randomBytes(6).toString('hex'), email, subject: body.subject ?? '', message: text, key };
    delivered.set(key, message);
    reply(response, 201, { id: message.id });
  },
  'GET /_test/code': (_body, response, _id, _request, query) => {
    const found = [...verifications.entries()].filter(([, v]) => v.email === query.get('email')).pop();
    reply(response, found ? 200 : 404, found ? { verification: found[0], code: found[1].code } : {});
  },
  'POST /_test/expire': (_body, response, _id, _request, query) => {
    for (const verification of verifications.values()) if (verification.email === query.get('email')) verification.expires = 0;
    reply(response, 200, {});
  },
  'POST /_test/fail': (_body, response, _id, _request, query) => {
    faults.set(query.get('path'), { status: Number(query.get('status')), times: Number(query.get('times') ?? 1) });
    reply(response, 200, {});
  },
  'GET /_test/messages': (_body, response, _id, _request, query) => {
    reply(response, 200, [...delivered.values()].filter((message) => message.email === query.get('email')));
  },
};

createServer((request, response) => {
  const url = new URL(request.url, 'http://localhost');
  if (request.method === 'OPTIONS') return response.writeHead(204, cors).end();
  const fault = [...faults.entries()].find(([path, f]) => url.pathname.startsWith(path) && f.times > 0);
  if (fault && !url.pathname.startsWith('/_test/')) {
    fault[1].times -= 1;
    return refuse(response, fault[1].status, null, 'injected', 'Injected fault.');
  }
  const id = url.pathname.match(/^\/verifications\/([0-9a-f]+)\//)?.[1];
  const route = `${request.method} ${id ? url.pathname.replace(id, ':id') : url.pathname}`;
  let raw = '';
  request.on('data', (chunk) => (raw += chunk));
  request.on('end', () => {
    const handler = routes[route];
    if (!handler) return refuse(response, 404, null, 'not_found', 'No such endpoint.');
    let body = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      return refuse(response, 400, null, 'bad_json', 'The body is not JSON.');
    }
    handler(body, response, id, request, url.searchParams);
  });
}).listen(port, '127.0.0.1', () => console.log(`contact service at http://127.0.0.1:${port}/`));
