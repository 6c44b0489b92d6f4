import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { before, test } from 'node:test';
import { sha256Fingerprint } from './fingerprint.ts';
import { generateCa } from './generate-ca.ts';
import { generateHttpCertificate } from './generate-http-certificate.ts';
import type { PemPair } from './pem-pair.ts';
import { hasOpenssl } from './tls-fixtures.ts';
import { spawnSync } from 'node:child_process';

let ca: PemPair;
before(async () => {
  ca = await generateCa();
});

test('equals Node fingerprint256 without colons, lower-cased: 64 hex digits, as Elasticsearch prints it', () => {
  const fingerprint = sha256Fingerprint(ca.certPem);
  assert.match(fingerprint, /^[0-9a-f]{64}$/);
  assert.equal(fingerprint, new X509Certificate(ca.certPem).fingerprint256.replaceAll(':', '').toLowerCase());
});

test('agrees with openssl x509 -fingerprint -sha256', { skip: !hasOpenssl }, () => {
  const out = spawnSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: ca.certPem, encoding: 'utf8' }).stdout;
  const openssl = /=([0-9A-F:]+)/.exec(out)?.[1] ?? '';
  assert.equal(sha256Fingerprint(ca.certPem), openssl.replaceAll(':', '').toLowerCase());
});

test('a chain PEM is fingerprinted by its first certificate', async () => {
  const leaf = await generateHttpCertificate(ca, { dnsNames: ['localhost'], ipAddresses: [] });
  assert.equal(sha256Fingerprint(leaf.certPem + ca.certPem), sha256Fingerprint(leaf.certPem));
  assert.notEqual(sha256Fingerprint(leaf.certPem), sha256Fingerprint(ca.certPem));
});

test('tolerates CRLF line endings and surrounding whitespace', () => {
  assert.equal(sha256Fingerprint(`\n${ca.certPem.replaceAll('\n', '\r\n')}  `), sha256Fingerprint(ca.certPem));
});

test('refuses text that is not a certificate', () => {
  assert.throws(() => sha256Fingerprint('hello'), { code: 'illegal_argument' });
  assert.throws(() => sha256Fingerprint(ca.keyPem), { code: 'illegal_argument' });
});
