import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRatchet, judge, parseRatchet, updated } from './ratchet.ts';
import { caseLine, totalsLine } from './report.ts';
import type { CaseResult } from './runner.ts';
import { checkWarnings, parseWarning, splitWarningHeaders } from './warnings.ts';
import { listeningUrl } from './gateway-process.ts';

const r = (file: string, name: string, status: CaseResult['status']): CaseResult => ({
  file, name, key: `${file} :: ${name}`, status, durationMs: 1,
  ...(status === 'fail' ? { failure: { section: 'test', line: 3, step: 'do x', message: 'boom', response: 'HTTP 500 {}' } } : {}),
  ...(status === 'skip' ? { reason: 'why' } : {}),
});

test('ratchet file: pass list and one-line skip reasons, round trip', () => {
  const text = 'pass:\n  - "a.yml :: one"\nskip:\n  "a.yml :: two": reads the .security index\n';
  const rt = parseRatchet(text);
  assert.deepEqual(rt, { pass: ['a.yml :: one'], skip: { 'a.yml :: two': 'reads the .security index' } });
  assert.deepEqual(parseRatchet(formatRatchet(rt)), rt);
  assert.throws(() => parseRatchet('skip:\n  "a.yml :: x": ""\n'), /one-line reason/);
  assert.throws(() => parseRatchet('pass: ["k"]\nskip:\n  k: r\n'), /both/);
  assert.deepEqual(parseRatchet(''), { pass: [], skip: {} });
});

test('judge: listed cases of files that ran must pass; new passes are reported', () => {
  const rt = { pass: ['a.yml :: one', 'a.yml :: gone', 'b.yml :: other'], skip: {} };
  const results = [r('a.yml', 'one', 'fail'), r('a.yml', 'new', 'pass')];
  const v = judge(rt, results, (k: string) => k.startsWith('a.yml'));
  assert.deepEqual(v.regressions.map((x) => x.key), ['a.yml :: one', 'a.yml :: gone']);
  assert.deepEqual(v.newPasses, ['a.yml :: new']);
  assert.deepEqual(judge(rt, [r('a.yml', 'one', 'pass'), r('a.yml', 'gone', 'pass')], (k: string) => k.startsWith('a.yml')).regressions, []);
});

test('updated keeps listed cases of files that did not run', () => {
  const rt = { pass: ['a.yml :: one', 'b.yml :: other'], skip: { 'a.yml :: s': 'reason' } };
  const next = updated(rt, [r('a.yml', 'one', 'fail'), r('a.yml', 'two', 'pass')], (k: string) => k.startsWith('a.yml'));
  assert.deepEqual(next, { pass: ['a.yml :: two', 'b.yml :: other'], skip: { 'a.yml :: s': 'reason' } });
});

test('output lines', () => {
  assert.equal(caseLine(r('a.yml', 'one', 'pass')), 'PASS a.yml :: one');
  assert.equal(caseLine(r('a.yml', 'one', 'skip')), 'SKIP a.yml :: one — why');
  assert.equal(caseLine(r('a.yml', 'one', 'fail')), 'FAIL a.yml :: one — [test line 3: do x] boom — HTTP 500 {}');
  assert.equal(totalsLine({ passed: 3, failed: 1, skipped: 0 }), '3 passed, 1 failed, 0 skipped');
});

test('warning headers: exact, allowed, regex, missing and unexpected', () => {
  const h = '299 Elasticsearch-9.0.0-abcdef1 "this request accesses system indices: [.security-7], but \\"quoted\\"" "Tue, 01 Jan 2030 00:00:00 GMT"';
  assert.equal(parseWarning(h)?.text, 'this request accesses system indices: [.security-7], but "quoted"');
  assert.equal(parseWarning('299 OpenSearch-2.19.3 "x"'), null);
  const spec = { expected: [] as string[], expectedRegex: [] as string[], allowed: [] as string[], allowedRegex: [] as string[] };
  assert.equal(checkWarnings([], spec), null);
  assert.match(checkWarnings([h], spec)!, /unexpected/);
  assert.equal(checkWarnings([h], { ...spec, expected: ['this request accesses system indices: [.security-7], but "quoted"'] }), null);
  assert.equal(checkWarnings([h], { ...spec, allowed: ['this request accesses system indices: [.security-7], but "quoted"'] }), null);
  assert.equal(checkWarnings([h], { ...spec, expectedRegex: ['this request .*'] }), null);
  assert.match(checkWarnings([], { ...spec, expected: ['w'] })!, /did not get/);
  assert.match(checkWarnings(['299 OpenSearch-2.19.3 "x"'], spec)!, /not in Elasticsearch's format/);
  assert.deepEqual(splitWarningHeaders(['299 Elasticsearch-9.0.0-x "a, b", 299 Elasticsearch-9.0.0-x "c"']), ['299 Elasticsearch-9.0.0-x "a, b"', '299 Elasticsearch-9.0.0-x "c"']);
});

test('the gateway\'s listening line gives its URL', () => {
  assert.equal(listeningUrl('{"level":30,"msg":"listening","url":"http://127.0.0.1:4321"}'), 'http://127.0.0.1:4321');
  assert.equal(listeningUrl('Portcullis 0.1.0'), null);
  assert.equal(listeningUrl('{"msg":"starting"}'), null);
});
