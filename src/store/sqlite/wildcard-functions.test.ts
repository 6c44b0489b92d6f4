import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { registerWildcardFunctions } from './wildcard-functions.ts';

test('es_wildcard agrees with GLOB on ordinary patterns and adds ES escapes; es_simple_match knows only *', () => {
  const db = new DatabaseSync(':memory:');
  registerWildcardFunctions(db);
  const q = db.prepare('SELECT es_wildcard(?, ?) AS w, ? GLOB ? AS g, es_simple_match(?, ?) AS s');
  for (const p of ['*', 'key-*', '*-prod', 'k?y*', '*a*b*', 'exact', '']) {
    for (const v of ['key-1', 'kay-prod', 'a-b', 'exact', '', 'xaxbx']) {
      const r = q.get(v, p, v, p, v, p) as { w: number; g: number; s: number };
      assert.equal(r.w, r.g, `${v} ~ ${p}`);
    }
  }
  const one = (sql: string, ...args: string[]) => Object.values(db.prepare(sql).get(...args) as object)[0];
  assert.equal(one('SELECT es_wildcard(?, ?)', 'a*b', 'a\\*b'), 1);
  assert.equal(one('SELECT es_wildcard(?, ?)', 'axb', 'a\\*b'), 0);
  assert.equal(one('SELECT es_simple_match(?, ?)', 'a?c', 'a?c'), 1);
  assert.equal(one('SELECT es_simple_match(?, ?)', 'abc', 'a?c'), 0);
  assert.equal(one('SELECT es_wildcard(NULL, ?)', '*'), 0);
});

test('a floating-segment wildcard over many long values completes in one pass per value', () => {
  const db = new DatabaseSync(':memory:');
  registerWildcardFunctions(db);
  db.exec('CREATE TABLE t (name TEXT)');
  const ins = db.prepare('INSERT INTO t VALUES (?)');
  for (let i = 0; i < 2000; i++) ins.run('a'.repeat(1024));
  // GLOB takes ~170 ms per 1,000 rows on this; es_wildcard reads each value once (see the report for figures).
  const r = db.prepare('SELECT count(*) AS c FROM t WHERE es_wildcard(name, ?)').get(`*${'a?'.repeat(64)}b*`) as { c: number };
  assert.equal(r.c, 0);
});
