// Serves a built site with a real web server configured by press's deploy recipe (`press host
// nginx|caddy`, written from the build's own `_headers`), on loopback: Debian's nginx, and Caddy
// where it is installed. Each is started and stopped by the tests.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const brotli = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

/** Where each server's program is, if installed. */
export const installed = {
  nginx: ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync),
  caddy: ['/usr/bin/caddy', '/usr/local/bin/caddy'].find(existsSync),
};

/** The recipe press writes for `kind`, serving the files kept at `<root><base>`. */
const recipe = (kind, dist, root, listen) =>
  execFileSync('cargo', ['run', '--quiet', '-p', 'press', '--', 'host', kind, resolve(dist), root, listen], { cwd: repo, encoding: 'utf8' });

const configs = {
  nginx(dir, site) {
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `${name}_temp_path ${join(dir, name)};`).join('\n  ');
    writeFileSync(join(dir, 'site.conf'), site);
    writeFileSync(join(dir, 'nginx.conf'), `${existsSync(brotli) ? `load_module ${brotli};` : ''}
${process.getuid?.() === 0 ? 'user root;' : ''}
daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  ${temp}
  include ${join(dir, 'site.conf')};
}
`);
    return [installed.nginx, ['-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf'), '-p', dir], {}];
  },
  caddy(dir, site) {
    // No admin endpoint, no certificates: a plain server on loopback.
    writeFileSync(join(dir, 'Caddyfile'), `{\n\tadmin off\n\tauto_https off\n}\n${site}`);
    const env = { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
    return [installed.caddy, ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { env }];
  },
};

/** Starts `kind` serving `dist` at `base` (`/news/`) on 127.0.0.1:`port`; `stop()` ends it. */
export async function serve(kind, dist, port, base) {
  if (!installed[kind]) throw new Error(`${kind} is not installed: .ci/setup --browser installs it`);
  const dir = mkdtempSync(join(tmpdir(), `gazette-${kind}-`));
  // The host keeps the site's files at <root><base>.
  const root = join(dir, 'www');
  const target = join(root, base).replace(/\/$/, '');
  mkdirSync(join(target, '..'), { recursive: true });
  symlinkSync(resolve(dist), target);
  const listen = kind === 'caddy' ? `http://127.0.0.1:${port}` : `127.0.0.1:${port}`;
  const [program, args, options] = configs[kind](dir, recipe(kind, dist, root, listen));
  const server = spawn(program, args, { stdio: ['ignore', 'ignore', 'inherit'], ...options });
  const exited = new Promise((done) => server.once('exit', done));
  for (let tries = 0; ; tries++) {
    try {
      await fetch(`http://127.0.0.1:${port}${base}`);
      break;
    } catch (error) {
      if (server.exitCode !== null || tries > 100) throw new Error(`${kind} did not start (see ${dir}): ${error}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  return {
    stop: async () => {
      server.kill(kind === 'nginx' ? 'SIGQUIT' : 'SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
