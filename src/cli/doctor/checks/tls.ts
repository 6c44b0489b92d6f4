import { fail, ok, warn, type Check } from '../report.ts';
import { host, type CertInfo, type TlsResult } from '../probe.ts';

/** TLS errors that mean "the server answered, but not with TLS": an https URL against a plain-HTTP port. */
export const NOT_TLS_CODES: ReadonlySet<string> = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_HTTP_REQUEST',
  'ERR_SSL_UNKNOWN_PROTOCOL',
  'EPROTO',
]);

const UNKNOWN_CA: ReadonlySet<string> = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
]);

export interface TlsContext {
  readonly url: URL;
  /** Where the trust came from: a CA file, a pinned fingerprint, or Node's bundled roots. */
  readonly trust: { readonly kind: 'ca'; readonly name: string } | { readonly kind: 'fingerprint'; readonly value: string } | { readonly kind: 'system' };
  /** What an unverified handshake saw (to name the CA and the certificate's names); null if none was made. */
  readonly seen: TlsResult | null;
}

/** The verified handshake's outcome, in words, with the fix for each way trust fails. */
export function classifyTls(r: TlsResult, ctx: TlsContext): Check {
  const presented = ctx.seen?.ok ? ctx.seen.chain : [];
  if (r.ok) {
    if (ctx.trust.kind === 'fingerprint') return pinned(ctx.trust.value, r.chain);
    const leaf = r.chain[0];
    return ok('tls', `${r.protocol ?? 'TLS'}; the certificate${leaf ? ` (${leaf.subject})` : ''} is trusted ${ctx.trust.kind === 'ca' ? `through ${ctx.trust.name}` : 'by the system CAs'} and valid for ${host(ctx.url)}`);
  }
  if (NOT_TLS_CODES.has(r.code) || /wrong version number|packet length too long|http request/i.test(r.message)) {
    return fail('tls', `the server on this port does not speak TLS (${r.code}): it is a plain-HTTP port`, `use http:// in ELASTICSEARCH_URL, or enable TLS on the server (xpack.security.http.ssl.enabled)`);
  }
  if (UNKNOWN_CA.has(r.code)) {
    const root = presented.at(-1);
    const where = ctx.trust.kind === 'ca' ? `the CA in ${ctx.trust.name} did not sign it` : 'it is not signed by a CA this machine trusts';
    const fp = root ? `; the certificate chain ends at "${root.subject}" (SHA-256 ${colons(root.fingerprint)})` : '';
    return fail(
      'tls',
      `the server's certificate is not trusted (${r.code}): ${where}${fp}`,
      'set ELASTICSEARCH_CA_CERT to the CA certificate file (Elasticsearch: config/certs/http_ca.crt; Portcullis: <data>/certs/http_ca.crt), or ELASTICSEARCH_CA_FINGERPRINT to the CA fingerprint printed when the server was set up. Compare the fingerprint above with it before trusting it',
    );
  }
  if (r.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = presented[0]?.sans.join(', ') || 'none';
    return fail('tls', `the certificate is not valid for the name [${host(ctx.url)}]: it is issued for ${names}`, `connect with one of the names the certificate holds, or re-issue it with [${host(ctx.url)}] among its subject alternative names`);
  }
  if (r.code === 'CERT_HAS_EXPIRED') {
    return fail('tls', `the server's certificate has expired (${presented[0]?.validTo ?? 'date unknown'})`, 'renew the server certificate; if it looks valid, check this machine\'s clock');
  }
  if (r.code === 'CERT_NOT_YET_VALID') {
    return fail('tls', 'the server\'s certificate is not valid yet', 'check this machine\'s clock (see the clock check), or the certificate\'s start date');
  }
  if (/certificate required|alert number 116|SSLV3_ALERT_HANDSHAKE_FAILURE/i.test(`${r.code} ${r.message}`)) {
    return fail('tls', `the server refused the handshake (${r.code}): it may require a client certificate`, 'set ELASTICSEARCH_CLIENT_CERT and ELASTICSEARCH_CLIENT_KEY to a certificate the server trusts');
  }
  if (r.code === 'ECONNRESET' || r.code === 'ETIMEDOUT') {
    return fail('tls', `the TLS handshake did not complete (${r.code})`, 'check that the port speaks HTTPS, and any proxy or load balancer in front of it');
  }
  return fail('tls', `the TLS handshake failed (${r.code}: ${r.message})`, 'check the certificate settings');
}

function pinned(fingerprint: string, presented: readonly CertInfo[]): Check {
  const match = presented.find((c) => c.fingerprint === fingerprint);
  if (match) return ok('tls', `the pinned fingerprint matches "${match.subject}"`);
  return fail(
    'tls',
    `fingerprint mismatch: no certificate the server presents has the SHA-256 in ELASTICSEARCH_CA_FINGERPRINT; it presents ${presented.map((c) => `"${c.subject}" (${colons(c.fingerprint)})`).join(', ')}`,
    'set ELASTICSEARCH_CA_FINGERPRINT to the fingerprint of the server\'s CA (openssl x509 -fingerprint -sha256 -noout -in http_ca.crt), and check that you are talking to the intended server',
  );
}

/** A pinned fingerprint as the user wrote it (colons, spaces, any case) → lowercase hex; null when it is not SHA-256. */
export function normalizeFingerprint(v: string): string | null {
  const hex = v.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

const colons = (hex: string) => hex.toUpperCase().match(/../g)!.join(':');

/** A warning when the server's certificate expires within 30 days. */
export function expiryWarning(r: TlsResult, nowMs: number): Check | null {
  if (!r.ok || !r.chain[0]) return null;
  const left = Date.parse(r.chain[0].validTo) - nowMs;
  if (left > 30 * 86_400_000) return null;
  return warn('tls', `the server's certificate expires on ${r.chain[0].validTo}`, 'renew the certificate before it expires');
}
