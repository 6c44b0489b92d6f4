import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileWildcard, matchWildcard, parseWildcard, STAR_ONLY, wildcardWork } from './wildcard.ts';

/** A plain dynamic-programming oracle over code points (`*` any, `?` one, `\` escape). */
function oracle(pattern: string, s: string, question = true): boolean {
  const toks: (string | -1 | -2)[] = [];
  const p = [...pattern];
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '*') toks.push(-1);
    else if (p[i] === '?' && question) toks.push(-2);
    else if (p[i] === '\\' && question && i + 1 < p.length) toks.push(p[++i]);
    else toks.push(p[i]);
  }
  const cs = [...s];
  let next = cs.map(() => false).concat(true);
  for (let t = toks.length - 1; t >= 0; t--) {
    const cur = cs.map(() => false).concat(false);
    for (let i = cs.length; i >= 0; i--) {
      const k = toks[t];
      if (k === -1) cur[i] = next[i] || (i < cs.length && cur[i + 1]);
      else cur[i] = i < cs.length && (k === -2 || cs[i] === k) && next[i + 1];
    }
    next = cur;
  }
  return next[0];
}

test('wildcards agree with a DP oracle on a corpus and on random inputs', () => {
  const patterns = ['*', '', 'a', 'a*', '*a', '*a*', 'a*b', 'a*b*c', 'a?c', '?', '??', '*?*', 'x\\*y', 'x\\?y', 'a\\', '*ab*ab', 'logs-*-prod', '.ds-logs-*-2024.*', '*0*0*0*x', '😀?', '?😀*', '*a?b*', '*?😀?*', '*😀*'];
  const names = ['', 'a', 'ab', 'abc', 'aXbYc', 'acb', 'x*y', 'x?y', 'xay', 'a\\', 'abab', 'aba', 'logs-web-prod', 'logs--prod', '.ds-logs-x-2024.01', '000x', '😀', '😀😀', 'a😀', 'xa😀by', '😀😀😀', 'ab😀'];
  for (const p of patterns) for (const n of names) {
    assert.equal(matchWildcard(parseWildcard(p), n), oracle(p, n), `${p} ~ ${n}`);
    assert.equal(compileWildcard(p)(n), oracle(p, n), `compiled ${p} ~ ${n}`);
  }
  let seed = 7;
  const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
  for (let r = 0; r < 3000; r++) {
    const p = Array.from({ length: rnd(8) }, () => 'ab*?'[rnd(4)]).join('');
    const n = Array.from({ length: rnd(10) }, () => 'ab'[rnd(2)]).join('');
    assert.equal(compileWildcard(p)(n), oracle(p, n), `${p} ~ ${n}`);
  }
});

test('request wildcards (Regex.simpleMatch): only * is special', () => {
  assert.equal(compileWildcard('a?c', STAR_ONLY)('abc'), false);
  assert.equal(compileWildcard('a?c', STAR_ONLY)('a?c'), true);
  assert.equal(compileWildcard('a\\*', STAR_ONLY)('a\\xyz'), true);
  assert.equal(compileWildcard('*0*0*x', STAR_ONLY)('a0b0cx'), true);
});

test('evil wildcards do bounded work: one pass, at most |name| × ⌈longest segment / 32⌉ + 2 × |pattern| steps', () => {
  const cases: [string, string][] = [
    ['*0*0*0*0*0*0*0*0*0*x', '0'.repeat(255)], // the finding: 33 s with a JS RegExp over the index list
    ['*0*0*0*0*0*0*0*0*0*0', '0'.repeat(254) + 'x'],
    ['*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b*', 'a'.repeat(10_000)],
    [`*${'aaaaaaaaab*'.repeat(20)}`, 'a'.repeat(10_000)],
    [`${'*a?'.repeat(300)}*z`, 'ab'.repeat(5_000) + 'z'],
    [`*${'a?'.repeat(64)}b*`, 'a'.repeat(1024)], // SQLite's GLOB scans this naively: ~170 ms per 1,000 rows
    [`*${'a'.repeat(2000)}b*`, 'a'.repeat(10_000)],
  ];
  for (const [p, name] of cases) {
    const w = parseWildcard(p);
    const longest = Math.max(...w.segments.map((s) => s.length));
    wildcardWork.steps = 0;
    matchWildcard(w, name);
    const bound = name.length * Math.ceil(Math.max(1, longest) / 32) + 2 * p.length;
    assert.ok(wildcardWork.steps <= bound, `${p.slice(0, 30)}: ${wildcardWork.steps} steps > ${bound}`);
  }
});
