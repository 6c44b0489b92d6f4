import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePatterns, regexProblem, wildcardSubsetOf } from './patterns.ts';
import { legacyCompilePatterns } from './legacy-patterns.fixture.ts';
import { BUILT_IN_ROLES } from '../roles/built-in-roles.ts';
import { patternProblems } from '../roles/pattern-limits.ts';

/** Ordinary role patterns: ES's documented examples, built-in role patterns and common shapes. */
const CORPUS = [
  '*', 'logs-*', 'logstash-*', 'events-*', 'metrics-*-prod', '*-logs', '*audit*', 'a?c', 'idx-??', 'x\\*y', 'x\\?y',
  '.kibana*', '.security-*', '.ds-logs-*-2024.*', 'my-index-000001', 'filebeat-8.*', 'apm-*-transaction-*',
  '/idx-[0-9]+/', '/logs-(web|db)-.*/', '/~(([.]|ilm-history-).*)/', '/@&~(\\..*)/', '/metrics-.*&~(metrics-endpoint\\.metadata_current_default.*)/',
  '/foo<1-100>/', '/[a-c]+/', '/[^.].*/', '/"a.b".*/', '/logs-\\d{4}\\.\\d{2}/', '/(ab)?c+/', '/.*-2024/', '/@/', '/#/',
];

const NAMES = [
  '', 'a', 'abc', 'axc', 'x*y', 'xzy', 'x?y', 'idx-42', 'idx-ab', 'idx-', 'logs-web-1', 'logs-db-x', 'logs-', 'logstash-2024.01.01',
  'events-x', 'metrics-a-prod', 'metrics--prod', 'metrics-x', 'metrics-endpoint.metadata_current_default-1', 'sys-logs', 'my-audit-log',
  '.kibana', '.kibana_1', '.security-7', '.ds-logs-web-2024.01.01-000001', 'my-index-000001', 'filebeat-8.12.0', 'apm-1-transaction-2',
  'ilm-history-5', 'foo1', 'foo100', 'foo101', 'foo0', 'aabbcc', 'abc', 'a.b', 'a.bxyz', 'logs-2024.01', 'logs-24.01', 'abcc', 'c', 'x-2024',
];

test('the linear-time matcher agrees with the former JS RegExp one on ordinary patterns', () => {
  for (const p of CORPUS) {
    const next = compilePatterns([p]);
    const old = legacyCompilePatterns([p]);
    for (const n of NAMES) assert.equal(next(n), old(n), `${p} ~ ${JSON.stringify(n)}`);
  }
  // Whole sets, with exclusions: exact names, prefixes (many: looked up by length), inner wildcards (many: one RE2 program).
  const sets = [
    CORPUS.slice(0, 12),
    CORPUS,
    Array.from({ length: 40 }, (_, i) => `team${i}-*`),
    Array.from({ length: 40 }, (_, i) => `*-team${i}-*`).concat(['/idx-[0-9]+/', 'abc']),
  ];
  const names = NAMES.concat(Array.from({ length: 40 }, (_, i) => `team${i}-x`), Array.from({ length: 40 }, (_, i) => `a-team${i}-b`));
  for (const s of sets) {
    const next = compilePatterns(s, ['logs-db-*', '/.*-2024/']);
    const old = legacyCompilePatterns(s, ['logs-db-*', '/.*-2024/']);
    for (const n of names) assert.equal(next(n), old(n), `set of ${s.length} ~ ${n}`);
  }
});

test('deliberate differences from the former matcher, as Lucene defines them', () => {
  // `<1-5>`: both bounds have one digit, so the strings have exactly one digit (Lucene's makeDecimalInterval).
  assert.equal(compilePatterns(['/x<1-5>/'])('x01'), false);
  assert.equal(legacyCompilePatterns(['/x<1-5>/'])('x01'), true);
  // A complement inside a concatenation cannot be matched in linear time: refused, and a stored one grants nothing.
  assert.equal(compilePatterns(['/logs-~(secret)/'])('logs-x'), false);
  assert.match(regexProblem('/logs-~(secret)/') ?? '', /complement operator \[~\] is only supported on a whole expression/);
  // `?` is one code point, as in ES's automatons.
  assert.equal(compilePatterns(['a?'])('a😀'), true);
});

test('the ReDoS patterns of the finding compile and answer (no backtracking)', () => {
  // `$` is a literal character in Lucene: `/(a+)+$/` matches `a…a$` only.
  const evil = compilePatterns(['/(a|aa)+b/', '/(a+)+$/', '/((a*)*)*c/', '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b']);
  for (const n of ['a'.repeat(30), 'a'.repeat(255), 'a'.repeat(20_000), 'a'.repeat(5_000) + 'x']) assert.equal(evil(n), false, `${n.length}`);
  assert.equal(evil('aaab'), true);
  assert.equal(evil('aa$'), true);
});

test('every built-in role pattern translates and passes the pattern bounds', () => {
  for (const [name, d] of Object.entries(BUILT_IN_ROLES)) {
    assert.deepEqual(patternProblems(d), [], name);
    for (const p of (d.indices ?? []).flatMap((g) => g.names)) assert.equal(regexProblem(p), null, `${name}: ${p}`);
  }
});

test('wildcardSubsetOf: iterative, agrees on the usual shapes, bounded on long inputs', () => {
  const cases: [string, string, boolean][] = [
    ['logs-2024-*', 'logs-*', true], ['logs-*', 'logs-2024-*', false], ['a?', 'a*', true], ['a*', 'a?', false], ['a*b', '*', true],
    ['*', 'a*', false], ['abc', 'a?c', true], ['a*c', 'a?c', false], ['x*y', 'x\\*y', false], ['a?c', '*?*', true], ['', '*', true], ['', '?', false],
  ];
  for (const [sub, sup, want] of cases) assert.equal(wildcardSubsetOf(sub, sup), want, `${sub} ⊆ ${sup}`);
  assert.equal(wildcardSubsetOf('a'.repeat(2048), '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b'), false); // 35 × 2,049 cells
  assert.equal(wildcardSubsetOf('a'.repeat(50_000), '*'), true); // far beyond the former recursion's stack depth
  assert.equal(wildcardSubsetOf('a'.repeat(50_000) + '*', '*'.repeat(2048)), false); // beyond MAX_SUBSET_CELLS: not covered
});
