import assert from 'node:assert/strict';
import { KeyObject, X509Certificate, createPrivateKey, webcrypto } from 'node:crypto';
import { after, before, test } from 'node:test';
import { generateCa } from './generate-ca.ts';
import { HTTP_CERTIFICATE_VALIDITY_DAYS, generateHttpCertificate } from './generate-http-certificate.ts';
import type { PemPair } from './pem-pair.ts';
import { type RunningServer, hasOpenssl, httpsGet, opensslSans, opensslText, startHttpsServer } from './tls-fixtures.ts';
import * as x509 from './x509.ts';

const DAY = 86_400_000;
const SANS = { dnsNames: ['localhost', 'Gateway.Example.COM'], ipAddresses: ['127.0.0.1', '::1'] };

let ca: PemPair;
let otherCa: PemPair;
let leaf: PemPair;
let server: RunningServer;

before(async () => {
  [ca, otherCa] = await Promise.all([generateCa(), generateCa()]);
  leaf = await generateHttpCertificate(ca, { ...SANS, commonName: 'gateway' });
  server = await startHttpsServer({ key: leaf.keyPem, cert: leaf.certPem });
});
after(() => server.close());

test('a client trusting only the CA connects to localhost', async () => {
  assert.equal(await httpsGet({ host: 'localhost', family: 4, port: server.port, ca: ca.certPem }), 200);
});

test('a client trusting only the CA connects to 127.0.0.1', async () => {
  assert.equal(await httpsGet({ host: '127.0.0.1', port: server.port, ca: ca.certPem }), 200);
});

test('a DNS SAN given in upper case matches its host name', async () => {
  const status = await httpsGet({ host: '127.0.0.1', servername: 'gateway.example.com', port: server.port, ca: ca.certPem });
  assert.equal(status, 200);
});

test('a client without the CA is rejected', async () => {
  await assert.rejects(httpsGet({ host: '127.0.0.1', port: server.port }), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
});

test('a client trusting a different CA is rejected', async () => {
  const get = httpsGet({ host: '127.0.0.1', port: server.port, ca: otherCa.certPem });
  await assert.rejects(get, { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
});

test('a host name that is not in the SANs is rejected', async () => {
  const get = httpsGet({ host: '127.0.0.1', servername: 'elsewhere.example.com', port: server.port, ca: ca.certPem });
  await assert.rejects(get, { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
});

test('the IPv6 loopback SAN works over ::1', async (t) => {
  const v6 = await startHttpsServer({ key: leaf.keyPem, cert: leaf.certPem }, '::1').catch(() => null);
  if (!v6) return t.skip('no IPv6 loopback here');
  try {
    assert.equal(await httpsGet({ host: '::1', port: v6.port, ca: ca.certPem }), 200);
  } finally {
    await v6.close();
  }
});

test('the leaf: signed by the CA, not a CA, fresh RSA 2048 key, 2 years, CN as given', async () => {
  const cert = new X509Certificate(leaf.certPem);
  const caCert = new X509Certificate(ca.certPem);
  assert.ok(cert.checkIssued(caCert) && cert.verify(caCert.publicKey));
  assert.equal(cert.ca, false);
  assert.equal(cert.subject, 'CN=gateway');
  assert.ok(cert.checkPrivateKey(createPrivateKey(leaf.keyPem)));
  assert.equal(createPrivateKey(leaf.keyPem).asymmetricKeyDetails?.modulusLength, 2048);
  assert.equal(HTTP_CERTIFICATE_VALIDITY_DAYS, 730);
  assert.ok(Math.abs(Date.parse(cert.validTo) - Date.now() - 730 * DAY) < 60_000, cert.validTo);
  const sans = opensslSans(cert.subjectAltName ?? ''); // Node prints SANs the way OpenSSL does
  assert.deepEqual(sans, ['DNS:localhost', 'DNS:gateway.example.com', 'IP:127.0.0.1', 'IP:::1']);
});

test('the issuer is the CA subject exactly, even with characters that need escaping', async () => {
  const oddCa = await generateCa({ commonName: 'Acme, Inc. "Ops" + CA=1' });
  const cert = new X509Certificate((await generateHttpCertificate(oddCa, SANS)).certPem);
  const caCert = new X509Certificate(oddCa.certPem);
  assert.equal(cert.issuer, caCert.subject);
  assert.ok(cert.checkIssued(caCert) && cert.verify(caCert.publicKey));
});

test('the leaf never outlives its CA', async () => {
  const shortCa = await generateCa({ validityDays: 30 });
  const cert = new X509Certificate((await generateHttpCertificate(shortCa, { ...SANS, validityDays: 400 })).certPem);
  assert.equal(cert.validTo, new X509Certificate(shortCa.certPem).validTo);
});

test('openssl sees the SANs, serverAuth, digitalSignature + keyEncipherment, CA:FALSE, AKI = CA SKI', { skip: !hasOpenssl }, () => {
  const ext = opensslText(leaf.certPem)!.extensions;
  const caSki = opensslText(ca.certPem)!.extensions.get('X509v3 Subject Key Identifier')!.value;
  assert.deepEqual(opensslSans(ext.get('X509v3 Subject Alternative Name')!.value), [
    'DNS:localhost',
    'DNS:gateway.example.com',
    'IP:127.0.0.1',
    'IP:::1',
  ]);
  assert.deepEqual(ext.get('X509v3 Extended Key Usage'), { critical: false, value: 'TLS Web Server Authentication' });
  assert.deepEqual(ext.get('X509v3 Key Usage'), { critical: true, value: 'Digital Signature, Key Encipherment' });
  assert.deepEqual(ext.get('X509v3 Basic Constraints'), { critical: false, value: 'CA:FALSE' });
  assert.equal(ext.get('X509v3 Authority Key Identifier')!.value.replace(/^keyid:/, ''), caSki);
  assert.notEqual(ext.get('X509v3 Subject Key Identifier')!.value, caSki);
});

test('refuses bad input with illegal_argument', async () => {
  const reject = (p: Promise<unknown>, message: RegExp) => assert.rejects(p, { code: 'illegal_argument', message });
  await reject(generateHttpCertificate(ca, { dnsNames: [], ipAddresses: [] }), /at least one/);
  await reject(generateHttpCertificate(ca, { dnsNames: [], ipAddresses: ['300.1.1.1'] }), /invalid/);
  await reject(generateHttpCertificate(ca, { dnsNames: [], ipAddresses: ['fe80::1%eth0'] }), /unsupported/);
  await reject(generateHttpCertificate(ca, { dnsNames: ['bad name'], ipAddresses: [] }), /invalid DNS name/);
  await reject(generateHttpCertificate(leaf, SANS), /not a CA/);
  await reject(generateHttpCertificate({ certPem: ca.certPem, keyPem: otherCa.keyPem }, SANS), /does not match/);
  await reject(generateHttpCertificate({ certPem: 'nope', keyPem: ca.keyPem }, SANS), /not a PEM certificate/);
  await reject(generateHttpCertificate({ certPem: ca.certPem, keyPem: 'nope' }, SANS), /CA private key/);
});

test('an EC P-256 CA (brought by the operator) can sign the leaf, with ECDSA-SHA256', async () => {
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const ecCert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=EC CA',
    keys,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  const ecCa = { certPem: ecCert.toString('pem'), keyPem: KeyObject.from(keys.privateKey).export({ type: 'sec1', format: 'pem' }).toString() };
  const cert = new X509Certificate((await generateHttpCertificate(ecCa, SANS)).certPem);
  assert.ok(cert.verify(new X509Certificate(ecCa.certPem).publicKey));
  assert.equal(new x509.X509Certificate(cert.raw).signatureAlgorithm.name, 'ECDSA');
});
