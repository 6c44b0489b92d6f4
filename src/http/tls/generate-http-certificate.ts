import { createPrivateKey, type X509Certificate as NodeX509Certificate } from 'node:crypto';
import { hostname } from 'node:os';
import { illegalArgument } from '../../core/errors.ts';
import * as x509 from './x509.ts';
import { firstCertificate } from './fingerprint.ts';
import { crypto, generateKeyPair, importSigningKey, privateKeyToPem, validityWindow } from './keys.ts';
import { type PemPair, joinPem } from './pem-pair.ts';
import { normalizeSans } from './sans.ts';

/** Elasticsearch's auto-configuration: `HTTP_CERTIFICATE_DAYS = 2 * 365` (AutoConfigureNode). */
export const HTTP_CERTIFICATE_VALIDITY_DAYS = 2 * 365;

export interface HttpCertificateOptions {
  dnsNames: string[];
  ipAddresses: string[];
  /** Defaults to the hostname, as Elasticsearch does (node name or $HOSTNAME). */
  commonName?: string;
  validityDays?: number;
}

/**
 * A TLS server certificate signed by `ca`: subjectAltName with the DNS and IP entries, extendedKeyUsage
 * serverAuth, keyUsage digitalSignature + keyEncipherment (critical), basicConstraints CA:false, subject
 * and authority key identifiers. Its validity never runs past the CA's. `certPem` is the leaf alone.
 */
export async function generateHttpCertificate(ca: PemPair, opts: HttpCertificateOptions): Promise<PemPair> {
  const sans = normalizeSans(opts);
  const signer = importSigningKey(ca.keyPem);
  const caCert = checkedCa(ca);
  const window = validityWindow(opts.validityDays ?? HTTP_CERTIFICATE_VALIDITY_DAYS);
  const notAfter = new Date(Math.min(window.notAfter.getTime(), Date.parse(caCert.validTo)));
  const keys = await generateKeyPair();
  const issuer = new x509.X509Certificate(caCert.raw);
  const cert = await x509.X509CertificateGenerator.create(
    {
      subject: [{ CN: [opts.commonName ?? (hostname() || 'localhost')] }],
      issuer: issuer.subjectName, // the CA subject as encoded, not re-parsed from text
      notBefore: window.notBefore,
      notAfter,
      publicKey: keys.publicKey,
      signingKey: signer.key,
      signingAlgorithm: signer.algorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, false),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
        new x509.SubjectAlternativeNameExtension([
          ...sans.dnsNames.map((value) => ({ type: 'dns' as const, value })),
          ...sans.ipAddresses.map((value) => ({ type: 'ip' as const, value })),
        ]),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
        await authorityKeyIdentifier(issuer),
      ],
    },
    crypto,
  );
  return { certPem: joinPem(cert.toString('pem')), keyPem: privateKeyToPem(keys.privateKey) };
}

function checkedCa(ca: PemPair): NodeX509Certificate {
  const cert = firstCertificate(ca.certPem);
  if (!cert.ca) throw illegalArgument(`[${cert.subject}] is not a CA certificate (basicConstraints CA:false)`);
  if (!cert.checkPrivateKey(createPrivateKey(ca.keyPem))) {
    throw illegalArgument('the CA private key does not match the CA certificate');
  }
  return cert;
}

/** The issuer's own subject key identifier when it has one, so chain builders can match the two. */
async function authorityKeyIdentifier(issuer: x509.X509Certificate): Promise<x509.AuthorityKeyIdentifierExtension> {
  const ski = issuer.getExtension(x509.SubjectKeyIdentifierExtension);
  if (ski) return new x509.AuthorityKeyIdentifierExtension(ski.keyId);
  return x509.AuthorityKeyIdentifierExtension.create(issuer.publicKey, false, crypto);
}
