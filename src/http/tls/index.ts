/**
 * First-start TLS material, like Elasticsearch 8's security auto-configuration: an HTTP CA and a server
 * certificate it signs, kept in `<dir>/certs/`. RSA 2048, SHA-256; CA valid 3 years, server cert 2 years.
 */
export type { PemPair } from './pem-pair.ts';
export { generateCa, CA_VALIDITY_DAYS, DEFAULT_CA_COMMON_NAME } from './generate-ca.ts';
export { generateHttpCertificate, HTTP_CERTIFICATE_VALIDITY_DAYS } from './generate-http-certificate.ts';
export type { HttpCertificateOptions } from './generate-http-certificate.ts';
export { sha256Fingerprint } from './fingerprint.ts';
export { defaultHttpSans } from './sans.ts';
export type { HttpSans } from './sans.ts';
export { ensureTlsMaterial, TLS_FILES } from './ensure-tls-material.ts';
export type { TlsMaterial } from './ensure-tls-material.ts';
