import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format, inspect } from 'node:util';
import { REDACTION_MARKER, Secret, constantTimeEqual } from './secret.ts';

const VALUE = 'hunter2-Sup3rS3cret';

test('the redaction marker is the one ES uses', () => {
  assert.equal(REDACTION_MARKER, '::es_redacted::');
});

test('reveal, length and isEmpty give the value and its size', () => {
  const s = new Secret(VALUE);
  assert.equal(s.reveal(), VALUE);
  assert.equal(s.length, VALUE.length);
  assert.equal(s.isEmpty(), false);
  assert.equal(new Secret('').isEmpty(), true);
  assert.equal(new Secret('').length, 0);
});

test('every string conversion gives the marker', () => {
  const s = new Secret(VALUE);
  assert.equal(String(s), REDACTION_MARKER);
  assert.equal(s.toString(), REDACTION_MARKER);
  assert.equal(`${s}`, REDACTION_MARKER);
  assert.equal('' + s, REDACTION_MARKER);
  assert.equal([s, s].join(','), `${REDACTION_MARKER},${REDACTION_MARKER}`);
  assert.equal(s.toJSON(), REDACTION_MARKER);
  assert.equal(Number.isNaN(Number(s)), true);
});

test('JSON serialisation, alone or nested, gives the marker', () => {
  const s = new Secret(VALUE);
  assert.equal(JSON.stringify(s), JSON.stringify(REDACTION_MARKER));
  const nested = JSON.stringify({ user: 'joe', creds: [{ password: s }], m: new Map([['k', s]]) });
  assert.equal(nested.includes(VALUE), false);
  assert.equal(JSON.stringify({ password: s }), `{"password":"${REDACTION_MARKER}"}`);
});

test('util.inspect, console-style formatting and error messages give the marker', () => {
  const s = new Secret(VALUE);
  const holder = { password: s, list: [s], map: new Map([['k', s]]), set: new Set([s]) };
  const printed = [
    inspect(s),
    inspect(s, { showHidden: true, depth: Infinity, getters: true }),
    inspect(holder, { showHidden: true, depth: Infinity }),
    format('%s|%o|%O|%j|%d|%i', s, s, s, s, s, s),
    format('%s %o', holder, holder),
    format(s),
    new Error(`login failed for ${s}`).message,
    inspect(new Error('x', { cause: s })),
  ];
  for (const p of printed) assert.equal(p.includes(VALUE), false, p);
  assert.equal(inspect(s), REDACTION_MARKER);
  assert.ok(inspect(holder).includes(REDACTION_MARKER));
});

test('the value is not reachable through reflection, spreading or cloning', () => {
  const s = new Secret(VALUE);
  assert.deepEqual(Object.keys(s), []);
  assert.deepEqual(Object.getOwnPropertyNames(s), []);
  assert.deepEqual(Object.getOwnPropertySymbols(s), []);
  assert.deepEqual({ ...s }, {});
  assert.equal(JSON.stringify(structuredClone(s)).includes(VALUE), false);
  assert.equal(JSON.stringify(Object.entries(s)), '[]');
});

test('equals compares values (same, different, prefixes, empty, non-ASCII)', () => {
  const s = new Secret(VALUE);
  assert.equal(s.equals(s), true);
  assert.equal(s.equals(new Secret(VALUE)), true);
  assert.equal(s.equals(new Secret(VALUE + 'x')), false);
  assert.equal(s.equals(new Secret(VALUE.slice(0, -1))), false);
  assert.equal(s.equals(new Secret(VALUE.toUpperCase())), false);
  assert.equal(new Secret('').equals(new Secret('')), true);
  assert.equal(new Secret('').equals(new Secret('a')), false);
  assert.equal(new Secret('pässwörd').equals(new Secret('pässwörd')), true);
  assert.equal(new Secret('pässwörd').equals(new Secret('passwörd')), false);
});

test('constantTimeEqual agrees with === on every pair, including different lengths', () => {
  const samples = ['', 'a', 'b', 'ab', 'abc', 'abd', 'abcd', 'ä', 'a\u0308', '🔑', 'x'.repeat(1000), 'x'.repeat(1001)];
  for (const a of samples) {
    for (const b of samples) assert.equal(constantTimeEqual(a, b), a === b, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
});
