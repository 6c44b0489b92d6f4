import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from '../../core/secret.ts';
import { hashNoop, hashUnsalted, MD5, SHA1, verifyNoop, verifyUnsalted } from './unsalted.ts';

// Provenance: Python 3.11's hashlib while writing these tests: '{SHA}' + b64encode(hashlib.sha1(b'sha1-secret').digest())
// and '{MD5}' + b64encode(hashlib.md5(b'md5-secret').digest()).
const PY_SHA1 = '{SHA}F/WZ9PxtuIpP2yyadrWdU4eK0og=';
const PY_MD5 = '{MD5}/xLPwn16Kxbx8lcgISJZEQ==';

test('{SHA} and {MD5} match independently made vectors', async () => {
  assert.equal(await hashUnsalted(new Secret('sha1-secret'), SHA1), PY_SHA1);
  assert.equal(await hashUnsalted(new Secret('md5-secret'), MD5), PY_MD5);
  assert.equal(await verifyUnsalted(new Secret('sha1-secret'), PY_SHA1, SHA1), true);
  assert.equal(await verifyUnsalted(new Secret('md5-secret'), PY_MD5, MD5), true);
  assert.equal(await verifyUnsalted(new Secret('sha1-secreT'), PY_SHA1, SHA1), false);
  assert.equal(await verifyUnsalted(new Secret('md5-secret'), PY_SHA1, MD5), false);
  assert.equal(await verifyUnsalted(new Secret('sha1-secret'), PY_SHA1.slice(1), SHA1), false);
});

test('noop stores the password itself and compares it whole', async () => {
  assert.equal(await hashNoop(new Secret('clear')), 'clear');
  assert.equal(await verifyNoop(new Secret('clear'), 'clear'), true);
  assert.equal(await verifyNoop(new Secret('clear'), 'clea'), false);
  assert.equal(await verifyNoop(new Secret('clear'), 'clear '), false);
});
