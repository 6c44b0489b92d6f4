import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTimeValue } from './time-value.ts';

test('each Elasticsearch time unit converts to milliseconds', () => {
  assert.equal(parseTimeValue('500ms'), 500);
  assert.equal(parseTimeValue('10s'), 10_000);
  assert.equal(parseTimeValue('20m'), 1_200_000);
  assert.equal(parseTimeValue('2h'), 7_200_000);
  assert.equal(parseTimeValue('7d'), 604_800_000);
  assert.equal(parseTimeValue('1000micros'), 1);
  assert.equal(parseTimeValue('1000000nanos'), 1);
  assert.equal(parseTimeValue('0s'), 0);
});

test('surrounding and inner whitespace and upper-case units are accepted, as ES lower-cases and trims', () => {
  assert.equal(parseTimeValue('  30s  '), 30_000);
  assert.equal(parseTimeValue('30 s'), 30_000);
  assert.equal(parseTimeValue('30S'), 30_000);
  assert.equal(parseTimeValue('5MS'), 5);
  assert.equal(parseTimeValue('1D'), 86_400_000);
});

test('-1 and 0 are the only unit-less values, as strings or numbers', () => {
  assert.equal(parseTimeValue(-1), -1);
  assert.equal(parseTimeValue(0), 0);
  assert.equal(parseTimeValue('-1'), -1);
  assert.equal(parseTimeValue('0'), 0);
  assert.equal(parseTimeValue(' -1 '), -1);
  assert.equal(parseTimeValue(5), null);
  assert.equal(parseTimeValue(1.5), null);
  assert.equal(parseTimeValue('5'), null);
  assert.equal(parseTimeValue('60000'), null);
});

test('anything else is null', () => {
  for (const bad of ['', ' ', 'abc', 's', 'ms', '10x', '10 seconds', '10sec', '-5s', '1e3s', '10s10s', 'NaNs', 'Infinitys']) {
    assert.equal(parseTimeValue(bad), null, JSON.stringify(bad));
  }
  for (const bad of [true, false, null, undefined, {}, [], ['10s'], 10n]) {
    assert.equal(parseTimeValue(bad), null, String(bad));
  }
});

test('fractional time values are rejected, as ES rejects them', () => {
  assert.equal(parseTimeValue('1.5s'), null);
  assert.equal(parseTimeValue('0.5h'), null);
});

test('an upper-case M is not minutes, as in ES (M would mean months)', () => {
  assert.equal(parseTimeValue('20M'), null);
});
