import * as x509 from './x509.ts';
import { crypto, generateKeyPair, privateKeyToPem, validityWindow } from './keys.ts';
import { type PemPair, joinPem } from './pem-pair.ts';

/** Elasticsearch's auto-configuration: `HTTP_CA_CERTIFICATE_DAYS = 3 * 365` (AutoConfigureNode). */
export const CA_VALIDITY_DAYS = 3 * 365;
/** Mirrors ES's `CN=Elasticsearch security auto-configuration HTTP CA`. */
export const DEFAULT_CA_COMMON_NAME = 'Portcullis security auto-configuration HTTP CA';

/**
 * A self-signed CA for the HTTP layer: basicConstraints CA:true (critical), keyUsage keyCertSign +
 * cRLSign (critical), subject and authority key identifiers, random 128-bit serial, SHA-256 with RSA.
 */
export async function generateCa(opts: { commonName?: string; validityDays?: number } = {}): Promise<PemPair> {
  const { notBefore, notAfter } = validityWindow(opts.validityDays ?? CA_VALIDITY_DAYS);
  const keys = await generateKeyPair();
  const ski = await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto);
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: [{ CN: [opts.commonName ?? DEFAULT_CA_COMMON_NAME] }],
      notBefore,
      notAfter,
      keys,
      signingAlgorithm: keys.privateKey.algorithm,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        ski,
        new x509.AuthorityKeyIdentifierExtension(ski.keyId),
      ],
    },
    crypto,
  );
  return { certPem: joinPem(cert.toString('pem')), keyPem: privateKeyToPem(keys.privateKey) };
}
