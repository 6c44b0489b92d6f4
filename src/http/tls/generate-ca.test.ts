import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { test } from 'node:test';
import { CA_VALIDITY_DAYS, DEFAULT_CA_COMMON_NAME, generateCa } from './generate-ca.ts';
import { hasOpenssl, opensslText } from './tls-fixtures.ts';

const DAY = 86_400_000;

test('generateCa: a self-signed CA whose key is the PKCS#8 RSA 2048 key of the certificate', async () => {
  const ca = await generateCa();
  const cert = new X509Certificate(ca.certPem);
  const key = createPrivateKey(ca.keyPem);
  assert.equal(cert.ca, true);
  assert.equal(cert.subject, `CN=${DEFAULT_CA_COMMON_NAME}`);
  assert.equal(cert.issuer, cert.subject);
  assert.ok(cert.checkIssued(cert) && cert.verify(cert.publicKey), 'self-signed');
  assert.ok(cert.checkPrivateKey(key));
  assert.match(ca.keyPem, /^-----BEGIN PRIVATE KEY-----\n/);
  assert.equal(key.asymmetricKeyType, 'rsa');
  assert.equal(key.asymmetricKeyDetails?.modulusLength, 2048);
  assert.equal(cert.serialNumber.length >= 30, true, 'random 128-bit serial');
});

test('generateCa: valid from now (minus a little clock-skew slack) for 3 years, like ES auto-configuration', async () => {
  const before = Date.now();
  const cert = new X509Certificate((await generateCa()).certPem);
  const from = Date.parse(cert.validFrom);
  const to = Date.parse(cert.validTo);
  assert.equal(CA_VALIDITY_DAYS, 1095);
  assert.ok(from <= before && from > before - 10 * 60_000, `validFrom ${cert.validFrom}`);
  assert.ok(Math.abs(to - (before + 1095 * DAY)) < 60_000, `validTo ${cert.validTo}`);
});

test('generateCa: commonName and validityDays are honoured; bad validity is refused', async () => {
  const cert = new X509Certificate((await generateCa({ commonName: 'Acme, Inc. CA', validityDays: 10 })).certPem);
  assert.equal(cert.subject, 'CN=Acme\\, Inc. CA'); // one CN, the comma escaped, not split into RDNs
  assert.ok(Math.abs(Date.parse(cert.validTo) - Date.now() - 10 * DAY) < 60_000);
  await assert.rejects(generateCa({ validityDays: 0 }), { code: 'illegal_argument' });
});

test('generateCa: each call makes a new key and serial', async () => {
  const [a, b] = await Promise.all([generateCa(), generateCa()]);
  assert.notEqual(a.keyPem, b.keyPem);
  assert.notEqual(new X509Certificate(a.certPem).serialNumber, new X509Certificate(b.certPem).serialNumber);
});

test('generateCa: openssl sees CA:TRUE critical, keyCertSign + cRLSign critical, and key identifiers', { skip: !hasOpenssl }, async () => {
  const text = opensslText((await generateCa()).certPem)!;
  const ext = text.extensions;
  assert.deepEqual(ext.get('X509v3 Basic Constraints'), { critical: true, value: 'CA:TRUE' });
  assert.deepEqual(ext.get('X509v3 Key Usage'), { critical: true, value: 'Certificate Sign, CRL Sign' });
  const ski = ext.get('X509v3 Subject Key Identifier')?.value ?? '';
  assert.match(ski, /^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
  assert.equal(ext.get('X509v3 Authority Key Identifier')?.value.replace(/^keyid:/, ''), ski);
  assert.equal(ext.has('X509v3 Extended Key Usage'), false);
  assert.equal(text.subject, `CN = ${DEFAULT_CA_COMMON_NAME}`);
});
