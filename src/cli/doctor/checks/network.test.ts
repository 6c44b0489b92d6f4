// The network classifiers: DNS, TCP, TLS trust and the http/https scheme mix-ups.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyDns, classifyTcp } from './reachability.ts';
import { classifyTls, normalizeFingerprint, type TlsContext } from './tls.ts';
import { classifyPlainHttp } from './scheme.ts';
import type { CertInfo, TlsResult } from '../probe.ts';

const url = new URL('https://es.example:9200');
const err = (code: string, message = code) => ({ ok: false as const, code, message });
const cert = (subject: string, fp: string, sans: string[] = []): CertInfo => ({ subject, issuer: 'CN=ca', fingerprint: fp, sans, validTo: 'Jan  1 00:00:00 2030 GMT' });
const seen: TlsResult = { ok: true, authorized: false, chain: [cert('CN=es', 'a'.repeat(64), ['DNS:localhost', 'IP Address:127.0.0.1']), cert('CN=Portcullis CA', 'b'.repeat(64))], protocol: 'TLSv1.3' };
const ctx = (over: Partial<TlsContext> = {}): TlsContext => ({ url, trust: { kind: 'system' }, seen, ...over });

test('dns: resolved, not found, temporary failure', () => {
  assert.equal(classifyDns(url, { ok: true, addresses: ['10.0.0.1'] }).status, 'ok');
  const nf = classifyDns(url, err('ENOTFOUND'));
  assert.equal(nf.status, 'fail');
  assert.match(nf.message, /does not resolve/);
  assert.match(classifyDns(url, err('EAI_AGAIN')).message, /temporarily/);
});

test('tcp: refused means nothing listens; a timeout means filtered; no route', () => {
  assert.match(classifyTcp(url, err('ECONNREFUSED'), 5000).message, /refused: nothing listens/);
  assert.match(classifyTcp(url, err('ETIMEDOUT'), 5000).message, /no answer .* within 5 s/);
  assert.match(classifyTcp(url, err('EHOSTUNREACH'), 5000).message, /no network route/);
  assert.equal(classifyTcp(url, { ok: true }, 5000).status, 'ok');
});

test('tls: a plain-HTTP port, an unknown CA (naming the chain\'s root), a hostname mismatch, expiry', () => {
  const plain = classifyTls(err('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'), ctx({ seen: null }));
  assert.match(plain.message, /does not speak TLS/);
  assert.match(plain.fix!, /http:\/\//);
  const unknown = classifyTls(err('SELF_SIGNED_CERT_IN_CHAIN'), ctx());
  assert.match(unknown.message, /not trusted .* "CN=Portcullis CA" \(SHA-256 BB:BB/);
  assert.match(unknown.fix!, /ELASTICSEARCH_CA_CERT .* ELASTICSEARCH_CA_FINGERPRINT/);
  assert.match(classifyTls(err('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), ctx({ trust: { kind: 'ca', name: 'ELASTICSEARCH_CA_CERT' } })).message, /the CA in ELASTICSEARCH_CA_CERT did not sign it/);
  const host = classifyTls(err('ERR_TLS_CERT_ALTNAME_INVALID'), ctx());
  assert.match(host.message, /not valid for the name \[es\.example\]: it is issued for DNS:localhost, IP Address:127\.0\.0\.1/);
  assert.match(classifyTls(err('CERT_HAS_EXPIRED'), ctx()).message, /expired/);
  assert.match(classifyTls(err('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'tlsv13 alert certificate required'), ctx()).message, /client certificate/);
});

test('tls: a pinned fingerprint must match one certificate of the chain', () => {
  const verified: TlsResult = { ...seen, authorized: false };
  assert.equal(classifyTls(verified, ctx({ trust: { kind: 'fingerprint', value: 'b'.repeat(64) } })).status, 'ok');
  const mismatch = classifyTls(verified, ctx({ trust: { kind: 'fingerprint', value: 'c'.repeat(64) } }));
  assert.equal(mismatch.status, 'fail');
  assert.match(mismatch.message, /fingerprint mismatch/);
  assert.equal(classifyTls({ ...seen, authorized: true }, ctx()).status, 'ok');
});

test('fingerprints are accepted with colons and any case', () => {
  assert.equal(normalizeFingerprint(`${'AB:'.repeat(31)}AB`), 'ab'.repeat(32));
  assert.equal(normalizeFingerprint('abc'), null);
});

test('scheme: http:// against a TLS port is named as such; a port that speaks neither is the wrong port', () => {
  const u = new URL('http://localhost:9243');
  const tls = classifyPlainHttp(u, err('ECONNRESET', 'socket hang up'), seen);
  assert.equal(tls.status, 'fail');
  assert.match(tls.message, /uses http:\/\/, but the server on localhost:9243 speaks HTTPS/);
  assert.match(tls.fix!, /https:\/\/localhost:9243/);
  assert.match(classifyPlainHttp(u, err('HPE_INVALID_CONSTANT'), err('ECONNRESET')).fix!, /transport port 9300/);
});
