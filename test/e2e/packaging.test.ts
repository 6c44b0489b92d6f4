// The package a user installs: `npm pack` (which builds dist/), the tarball installed into an empty directory
// offline, then `npx portcullis --help` and `npx portcullis start` in front of the test upstream.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { REPO_ROOT, upstreamUrl, send } from '../support/gateway.ts';

type LockEntry = { version: string; resolved?: string; integrity?: string; dev?: boolean; link?: boolean; [k: string]: unknown };

// npm runs with this Node first on PATH, so the installed launcher's `#!/usr/bin/env node` finds Node 24.
const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * A lockfile for `{ portcullis: file:<tarball> }` whose other entries are the project's own runtime ones: `npm ci
 * --offline` then takes every tarball from the npm cache by its integrity and never needs registry metadata (the
 * cache, filled by `npm ci`, holds the tarballs but not the metadata a plain `npm install <tarball>` resolves with).
 */
function lockfileFor(tarball: string): object {
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const own = lock.packages[''];
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'portcullis-install-test', dependencies: { portcullis: `file:${tarball}` } },
    'node_modules/portcullis': { version: own.version, resolved: `file:${tarball}`, integrity, dependencies: own.dependencies, bin: own.bin, engines: own.engines },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.startsWith('node_modules/') || entry.dev || entry.link) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    packages[path] = { ...entry, resolved: entry.resolved ?? `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz` };
  }
  return { name: 'portcullis-install-test', lockfileVersion: 3, requires: true, packages };
}

describe('the installed package', () => {
  const work = mkdtempSync(join(tmpdir(), 'portcullis-pack-'));
  const app = join(work, 'app');
  let tarball = '';

  before(() => {
    const packed = run('npm', ['pack', '--json', '--pack-destination', work], REPO_ROOT);
    assert.equal(packed.code, 0, packed.err);
    tarball = join(work, (JSON.parse(packed.out) as { filename: string }[])[0].filename);
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'portcullis-install-test', private: true, dependencies: { portcullis: `file:${tarball}` } }));
    writeFileSync(join(app, 'package-lock.json'), JSON.stringify(lockfileFor(tarball)));
    const installed = run('npm', ['ci', '--offline'], app);
    assert.equal(installed.code, 0, installed.err);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('carries JavaScript and its launcher, not the TypeScript sources', () => {
    const pkg = join(app, 'node_modules/portcullis');
    assert.ok(existsSync(join(pkg, 'dist/main.js')));
    assert.ok(!existsSync(join(pkg, 'src')), 'no sources in the package');
    assert.deepEqual(readdirSync(join(pkg, 'dist')).filter((f) => f.endsWith('.ts')), []);
    assert.doesNotMatch(readFileSync(join(pkg, 'dist/main.js'), 'utf8'), /from '\.[^']*\.ts'/, 'relative imports were rewritten to .js');
    assert.equal(realpathSync(join(app, 'node_modules/.bin/portcullis')), join(realpathSync(pkg), 'bin/portcullis.js'), 'npm links the launcher');
  });

  it('npx portcullis --help prints the usage and exits 0', () => {
    const r = run('npx', ['--offline', 'portcullis', '--help'], app);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /usage: portcullis <command>/);
    assert.match(r.out, /create-enrollment-token/);
    const sub = run('npx', ['--offline', 'portcullis', 'start', '--help'], app);
    assert.equal(sub.code, 0, sub.err);
    assert.match(sub.out, /usage: portcullis start/);
  });

  it('npx portcullis start serves in front of the upstream', async () => {
    const data = join(work, 'data');
    const args = ['--offline', 'portcullis', 'start', '--no-tls', '--listen', '127.0.0.1:0', '--data', data, '--upstream', upstreamUrl()];
    // Its own process group: npx runs the launcher in a child, and the whole group is stopped at the end.
    const child = spawn('npx', args, { cwd: app, env: { ...env, ELASTIC_PASSWORD: 'packaged-password' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const closed = new Promise((r) => child.once('close', r));
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    try {
      const listening = await new Promise<{ url: string; config: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "listening" in 60 s\n${out}\n${err}`)), 60_000);
        child.stdout.on('data', () => {
          const line = out.split('\n').find((l) => l.includes('"msg":"listening"'));
          if (line) {
            clearTimeout(timer);
            resolve(JSON.parse(line));
          }
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}\n${out}\n${err}`)));
      });
      assert.equal(listening.config, 'no config file, defaults');
      const me = await send(listening.url, undefined, 'GET', '/_security/_authenticate', { auth: ['elastic', 'packaged-password'] });
      assert.equal(me.status, 200, me.text);
      assert.equal(me.json.username, 'elastic');
      const health = await send(listening.url, undefined, 'GET', '/_cluster/health', { auth: ['elastic', 'packaged-password'] });
      assert.equal(health.status, 200, health.text);
      assert.ok(['green', 'yellow'].includes(health.json.status));
    } finally {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await closed;
    }
  });
});
