import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { FileRolesStore, parseRolesFile } from './file-roles.ts';

test('parses ES roles.yml: upper-case privileges, skips invalid and reserved roles', () => {
  const { roles, skipped } = parseRolesFile(`
_es_test_root:
  cluster: [ "ALL" ]
  indices:
    - names: [ "*" ]
      allow_restricted_indices: true
      privileges: [ "ALL" ]
  run_as: [ "*" ]
superuser:
  cluster: [ all ]
broken:
  cluster: [ nope ]
empty:
`);
  assert.deepEqual([...roles.keys()], ['_es_test_root', 'empty']);
  assert.deepEqual(roles.get('_es_test_root')?.indices?.[0].names, ['*']);
  assert.deepEqual(skipped.map((s) => s.role), ['superuser', 'broken']);
  assert.match(skipped[1].reason, /unknown cluster privilege \[nope\]/);
});

test('a broken file keeps the last good roles; a removed file clears them; listeners hear changes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'roles-'));
  const path = join(dir, 'roles.yml');
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => lines.push(s) });
  try {
    writeFileSync(path, 'a:\n  cluster: [monitor]\n');
    const store = new FileRolesStore(path, log);
    let changes = 0;
    store.onChange(() => changes++);
    assert.deepEqual(store.names(), ['a']);
    writeFileSync(path, 'a: [ not : valid\n');
    assert.equal(store.reload(), false);
    assert.deepEqual(store.get('a')?.cluster, ['monitor']);
    assert.ok(lines.some((l) => l.includes('failed to parse roles file')));
    writeFileSync(path, 'b:\n  cluster: [manage]\n');
    assert.equal(store.reload(), true);
    assert.deepEqual(store.names(), ['b']);
    rmSync(path);
    store.reload();
    assert.deepEqual(store.names(), []);
    assert.equal(changes, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
