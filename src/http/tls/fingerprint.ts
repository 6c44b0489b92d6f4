import { X509Certificate, createHash } from 'node:crypto';
import { illegalArgument } from '../../core/errors.ts';

/**
 * SHA-256 of the certificate's DER, as 64 lower-case hex digits without colons: exactly what
 * Elasticsearch prints at first start ("HTTP CA certificate SHA-256 fingerprint") and puts in enrollment
 * tokens (`fgr`).
 *
 * Clients: the @elastic/elasticsearch client's `caFingerprint` option takes a SHA-256 fingerprint and
 * compares it after lower-casing and removing colons on both sides (`isCaFingerprintMatch` in
 * @elastic/transport), so this value and OpenSSL's `AB:CD:…` form both work there. The client compares it
 * with the root of the chain the *server sends*, so the server must send the CA after its leaf
 * (`http.crt` written by `ensureTlsMaterial` is that chain).
 *
 * For a PEM holding a chain, the first certificate is the one fingerprinted.
 */
export function sha256Fingerprint(certPem: string): string {
  return createHash('sha256').update(firstCertificate(certPem).raw).digest('hex');
}

/** Parses the first certificate of a PEM text (Node's parser ignores the rest). */
export function firstCertificate(pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (cause) {
    throw illegalArgument(`not a PEM certificate: ${(cause as Error).message}`);
  }
}
