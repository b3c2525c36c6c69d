// Starts the real contact service (crates/contact-service) for the end-to-end tests, as
// playwright.config.mjs's web server: built once (a no-op when .ci/test has built it), on
// 127.0.0.1:4300 with a fresh SQLite file and a fresh outbox folder, from which the tests read the
// emails (outbox.mjs). Its limits are the real ones, except a 3-second resend cooldown and per-client
// caps high enough for a whole suite from one address.
//   node contact-harness.mjs <port>
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CONTACT_STATE } from './outbox.mjs';

const port = Number(process.argv[2] ?? 4300);
const root = join(import.meta.dirname, '../..');

const built = spawnSync('cargo', ['build', '--quiet', '-p', 'gazette-contact'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

rmSync(CONTACT_STATE, { recursive: true, force: true });
mkdirSync(CONTACT_STATE, { recursive: true });
// The sites the specs serve: serve.mjs, and faulty.mjs's server for each of the two workers.
const origins = ['http://127.0.0.1:4173', 'http://127.0.0.1:4210', 'http://127.0.0.1:4211'];
const service = spawn(join(root, 'target/debug/gazette-contact'), [], {
  cwd: root,
  stdio: 'inherit',
  env: {
    PATH: process.env.PATH,
    RUST_LOG: process.env.RUST_LOG ?? 'warn',
    GAZETTE_LISTEN: `127.0.0.1:${port}`,
    GAZETTE_ALLOWED_ORIGINS: origins.join(','),
    GAZETTE_DATABASE_URL: `sqlite://${join(CONTACT_STATE, 'contact.sqlite3')}?mode=rwc`,
    GAZETTE_OUTBOX: join(CONTACT_STATE, 'outbox'),
    GAZETTE_SECRET: randomBytes(32).toString('hex'),
    GAZETTE_RESEND_COOLDOWN: '3',
    GAZETTE_CODES_PER_CLIENT: '1000',
    GAZETTE_TRIES_PER_CLIENT: '1000',
    GAZETTE_TEST_HOOKS: '1',
  },
});
service.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => service.kill(signal));
