import { test } from 'node:test';
import assert from 'node:assert/strict';
import { javaBase64Decode } from './java-base64.ts';

test('decodes what Java decodes, padded or not', () => {
  for (const text of ['', 'a', 'ab', 'abc', 'abcd', 'id:secret', 'ü']) {
    const b64 = Buffer.from(text).toString('base64');
    for (const v of [b64, b64.replace(/=+$/, '')]) {
      const r = javaBase64Decode(v);
      assert.ok(r.ok, v);
      assert.equal(Buffer.from(r.bytes).toString(), text);
    }
  }
});

test("refuses with Java's messages", () => {
  const error = (s: string) => {
    const r = javaBase64Decode(s);
    return r.ok ? 'ok' : r.error;
  };
  assert.equal(error('='), 'Input byte[] should at least have 2 bytes for base64 bytes');
  assert.equal(error('a:b'), 'Illegal base64 character 3a');
  assert.equal(error('ab-c'), 'Illegal base64 character 2d');
  assert.equal(error('abcde'), 'Last unit does not have enough valid bits');
  assert.equal(error('YWJj='), 'Input byte array has wrong 4-byte ending unit');
  assert.equal(error('YW=j'), 'Input byte array has wrong 4-byte ending unit');
  assert.equal(error('YQ==YQ'), 'Input byte array has incorrect ending byte at 4');
  assert.equal(error('a\u00e9'), 'Illegal base64 character -17');
});
