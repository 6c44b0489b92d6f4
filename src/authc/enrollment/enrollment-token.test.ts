// Enrollment tokens: ES's JSON fields and encoding, the API key they carry (30 minutes, one enroll action),
// and the addresses ES would put in them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { parseHashAlgorithm } from '../hashing/index.ts';
import { Secret } from '../../core/secret.ts';
import { ApiKeyAuthenticator } from '../api-keys/api-key-authenticator.ts';
import { ENROLLMENT_KEY_LIFETIME_MS, createEnrollmentApiKey, decodeEnrollmentToken, encodeEnrollmentToken, tokenAddresses } from './enrollment-token.ts';

const hashing = parseHashAlgorithm('ssha256')!;

describe('enrollment token encoding', () => {
  it('is base64 (URL alphabet, padded) of {"ver","adr","fgr","key"} in that order', () => {
    const token = encodeEnrollmentToken({ version: '9.1.5', addresses: ['10.0.0.5:9243'], fingerprint: 'ab'.repeat(32), apiKey: new Secret('id1:s3cr3t?>') }).reveal();
    const json = Buffer.from(token, 'base64url').toString('utf8');
    assert.equal(json, `{"ver":"9.1.5","adr":["10.0.0.5:9243"],"fgr":"${'ab'.repeat(32)}","key":"id1:s3cr3t?>"}`);
    assert.match(token, /^[A-Za-z0-9_-]+=*$/);
    assert.equal(token.length % 4, 0, 'padded as Java\'s Base64 URL encoder pads');
    const back = decodeEnrollmentToken(token);
    assert.deepEqual({ ...back, apiKey: back?.apiKey.reveal() }, { version: '9.1.5', addresses: ['10.0.0.5:9243'], fingerprint: 'ab'.repeat(32), apiKey: 'id1:s3cr3t?>' });
  });

  it('refuses what is not a token', () => {
    assert.equal(decodeEnrollmentToken('not-a-token'), null);
    assert.equal(decodeEnrollmentToken(Buffer.from('{"ver":1}').toString('base64')), null);
  });

  it('the token is a Secret: it does not print', () => {
    const token = encodeEnrollmentToken({ version: '9.1.5', addresses: [], fingerprint: 'f', apiKey: new Secret('a:b') });
    assert.ok(!JSON.stringify({ token }).includes(token.reveal()));
  });
});

describe('the enrollment API key', () => {
  it('expires after 30 minutes and may only call its scope\'s enroll action', async () => {
    const store = new SqliteStore(':memory:');
    try {
      const now = Date.UTC(2026, 5, 1);
      const idSecret = (await createEnrollmentApiKey(store, hashing, { now: () => now }, 'kibana')).reveal();
      const [id, secret] = idSecret.split(':');
      const record = await store.getApiKey(id);
      assert.ok(record);
      assert.match(record.name ?? '', /^enrollment_token_API_key_[A-Za-z0-9_-]{20}$/);
      assert.equal(record.expiration, now + ENROLLMENT_KEY_LIFETIME_MS);
      assert.deepEqual(record.roleDescriptors, { create_enrollment_token: { cluster: ['cluster:admin/xpack/security/enroll/kibana'] } });
      assert.equal(record.username, '_xpack_security');
      assert.ok(!record.hash.includes(secret), 'only the hash is stored');
      const settings = { enabled: true, cacheTtlMs: 60_000, cacheMaxKeys: 10, cacheHash: hashing, hashing, retentionMs: 0, deleteIntervalMs: 60_000 };
      const at = (t: number) => new ApiKeyAuthenticator(store, settings, { now: () => t }).authenticate({ kind: 'api_key', id, key: new Secret(secret) });
      assert.equal((await at(now + 60_000)).status, 'success');
      assert.notEqual((await at(now + ENROLLMENT_KEY_LIFETIME_MS + 1)).status, 'success');
    } finally {
      await store.close();
    }
  });
});

describe('token addresses, filtered as ES filters bound addresses', () => {
  const ifaces = {
    lo: [{ address: '127.0.0.1' }, { address: '::1' }],
    eth0: [{ address: 'fe80::1%eth0' }, { address: '2001:db8::7' }, { address: '10.1.2.3' }],
  } as unknown as NodeJS.Dict<import('node:os').NetworkInterfaceInfo[]>;
  it('a concrete listen address is the address', () => {
    assert.deepEqual(tokenAddresses('127.0.0.1', 9243, ifaces), ['127.0.0.1:9243']);
    assert.deepEqual(tokenAddresses('::1', 9243, ifaces), ['[::1]:9243']);
  });
  it('a wildcard stands for the non-loopback interface addresses, IPv4 first', () => {
    assert.deepEqual(tokenAddresses('0.0.0.0', 9200, ifaces), ['10.1.2.3:9200', '[2001:db8::7]:9200']);
  });
  it('only loopback interfaces: loopback addresses', () => {
    assert.deepEqual(tokenAddresses('::', 9200, { lo: ifaces.lo }), ['127.0.0.1:9200', '[::1]:9200']);
  });
});
