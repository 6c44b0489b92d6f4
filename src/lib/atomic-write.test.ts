import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portcullis-atomic-'));
});
after(() => rm(dir, { recursive: true, force: true }));

test('writes the content with the mode asked for and leaves no temp file', { skip: process.platform === 'win32' }, async () => {
  const path = join(dir, 'secret.key');
  await writeFileAtomic(path, 'one', 0o600);
  assert.equal(await readFile(path, 'utf8'), 'one');
  assert.equal((await stat(path)).mode & 0o777, 0o600);
  assert.deepEqual(await readdir(dir), ['secret.key']);
});

test('replaces an existing file whole, taking the new mode', { skip: process.platform === 'win32' }, async () => {
  const path = join(dir, 'cert.pem');
  await writeFile(path, 'old', { mode: 0o666 });
  await writeFileAtomic(path, 'new', 0o644);
  assert.equal(await readFile(path, 'utf8'), 'new');
  assert.equal((await stat(path)).mode & 0o777, 0o644);
});

test('a failed write leaves the target untouched and no temp file', async () => {
  const path = join(dir, 'missing-dir', 'x');
  await assert.rejects(writeFileAtomic(path, 'data', 0o600), { code: 'ENOENT' });
  const target = join(dir, 'dir-target');
  await writeFile(join(dir, 'keep'), 'kept');
  await import('node:fs/promises').then((fs) => fs.mkdir(join(target, 'child'), { recursive: true }));
  await assert.rejects(writeFileAtomic(target, 'data', 0o600)); // rename over a non-empty directory fails
  assert.deepEqual((await readdir(dir)).filter((n) => n.endsWith('.tmp')), []);
});

test('removeStaleTempFiles removes only temp files of the names given', async () => {
  const sub = await mkdtemp(join(dir, 'stale-'));
  const names = ['.http.key.0123456789abcdef.tmp', '.http.key.nothex.tmp', '.other.0123456789abcdef.tmp', 'http.key'];
  await Promise.all(names.map((n) => writeFile(join(sub, n), 'x')));
  await removeStaleTempFiles(sub, ['http.key']);
  assert.deepEqual((await readdir(sub)).sort(), ['.http.key.nothex.tmp', '.other.0123456789abcdef.tmp', 'http.key']);
});
