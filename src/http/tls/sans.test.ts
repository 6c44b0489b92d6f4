import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { test } from 'node:test';
import { defaultHttpSans, normalizeSans } from './sans.ts';

test('defaultHttpSans: localhost, this hostname, 127.0.0.1 and ::1', () => {
  const sans = defaultHttpSans();
  const host = hostname().toLowerCase();
  assert.deepEqual(sans.dnsNames, host === 'localhost' ? ['localhost'] : ['localhost', host]);
  assert.deepEqual(sans.ipAddresses, ['127.0.0.1', '::1']);
});

test('normalizeSans: trims, lower-cases and de-duplicates; keeps order', () => {
  const sans = normalizeSans({ dnsNames: [' Localhost', 'localhost', '*.Example.com', ''], ipAddresses: ['10.0.0.1', '10.0.0.1 ', 'FE80::1'] });
  assert.deepEqual(sans, { dnsNames: ['localhost', '*.example.com'], ipAddresses: ['10.0.0.1', 'FE80::1'] });
});

test('normalizeSans: rejects what cannot be encoded', () => {
  for (const ipAddresses of [['localhost'], ['1.2.3'], ['::ffff:1.2.3.4'], ['fe80::1%lo']]) {
    assert.throws(() => normalizeSans({ dnsNames: ['a'], ipAddresses }), { code: 'illegal_argument' }, ipAddresses[0]);
  }
  for (const name of ['a b', 'a..b', 'x/y', 'a.*.b']) {
    assert.throws(() => normalizeSans({ dnsNames: [name], ipAddresses: [] }), { code: 'illegal_argument' }, name);
  }
  assert.throws(() => normalizeSans({ dnsNames: [' '], ipAddresses: [] }), /at least one/);
});
