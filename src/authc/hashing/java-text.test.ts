import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJavaBase64, javaUtf8, parseJavaInt } from './java-text.ts';

test('javaUtf8 encodes like Java: unpaired surrogates become "?"', () => {
  assert.deepEqual(javaUtf8('é'), Buffer.from([0xc3, 0xa9]));
  assert.deepEqual(javaUtf8('😀'), Buffer.from('😀', 'utf8'));
  assert.deepEqual(javaUtf8('a\ud800b'), Buffer.from('a?b'));
  assert.deepEqual(javaUtf8('\udc00\ud83d'), Buffer.from('??'));
});

test('decodeJavaBase64 accepts what Java basic decoder accepts, null where it throws', () => {
  assert.deepEqual(decodeJavaBase64('AAECAw=='), Buffer.from([0, 1, 2, 3]));
  assert.deepEqual(decodeJavaBase64('AAECAw'), Buffer.from([0, 1, 2, 3])); // padding is optional
  assert.deepEqual(decodeJavaBase64('AAECAwQ='), Buffer.from([0, 1, 2, 3, 4]));
  assert.deepEqual(decodeJavaBase64(''), Buffer.alloc(0));
  for (const bad of ['AAECAw=', 'AAECA', 'AA==AA==', 'AA-_', 'AA EC', 'AAECAw==x']) {
    assert.equal(decodeJavaBase64(bad), null, bad);
  }
});

test('parseJavaInt follows Integer.parseInt for non-negative values', () => {
  assert.equal(parseJavaInt('10000'), 10000);
  assert.equal(parseJavaInt('010000'), 10000);
  assert.equal(parseJavaInt('+1000'), 1000);
  assert.equal(parseJavaInt('2147483647'), 2147483647);
  for (const bad of ['', '2147483648', '1e3', '10 ', ' 10', '0x10', 'abc']) assert.equal(parseJavaInt(bad), null, bad);
});
