// Reads the emails the contact service wrote in development mode: one `.eml` file each in its
// outbox folder, named `<milliseconds>-<process>-<serial>-<code|message>.eml`, so names sort in the
// order they were written.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The service's database and outbox for an end-to-end run (contact-harness.mjs makes it fresh). */
export const CONTACT_STATE = join(import.meta.dirname, '../../target/e2e-contact');
const OUTBOX = join(CONTACT_STATE, 'outbox');

// Each file is written once and never changed, so it is read and parsed once per test process:
// a lookup late in the run does not read again every email the suite has sent.
const parsed = new Map();

function emails(kind) {
  let names = [];
  try {
    names = readdirSync(OUTBOX);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(`-${kind}.eml`))
    .sort()
    .map((name) => {
      if (!parsed.has(name)) parsed.set(name, parse(readFileSync(join(OUTBOX, name), 'utf8')));
      return parsed.get(name);
    });
}

/** Headers (unfolded, names in lower case, encoded words decoded) and the body as sent. */
function parse(raw) {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const at = line.indexOf(':');
    headers[line.slice(0, at).toLowerCase()] = decodeWords(line.slice(at + 1).trim());
  }
  return { headers, body: rest.join('\r\n\r\n') };
}

// RFC 2047: `=?utf-8?b?...?=` and `=?utf-8?q?...?=`, adjacent words joined.
function decodeWords(value) {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind, text) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (__, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
}

const address = (value = '') => (value.match(/<([^>]+)>/)?.[1] ?? value).trim();

/** The code in the last code email to `email`. */
export function lastCode(email) {
  const sent = emails('code').filter((message) => address(message.headers.to) === email);
  return sent.at(-1)?.body.match(/^ {4}(\d{6})$/m)?.[1];
}

/** The messages delivered to the newsroom from `email` (its Reply-To): `[{subject, message}]`. */
export function messagesFrom(email) {
  return emails('message')
    .filter((message) => address(message.headers['reply-to']) === email)
    .map(({ headers, body }) => {
      const text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8').replace(/\r\n/g, '\n');
      // The first paragraph says who wrote; the reader's words follow, with a final newline.
      return { subject: headers.subject, message: text.slice(text.indexOf('\n\n') + 2).replace(/\n$/, '') };
    });
}
