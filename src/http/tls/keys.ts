import { KeyObject, createPrivateKey, webcrypto } from 'node:crypto';
import { illegalArgument } from '../../core/errors.ts';

/**
 * Key material for generated certificates: RSA 2048 with SHA-256 (PKCS#1 v1.5 signatures).
 * Keys are made by Node's WebCrypto and written as PKCS#8 PEM ("BEGIN PRIVATE KEY").
 */
export const RSA_MODULUS_LENGTH = 2048;

const RSA_ALGORITHM: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: RSA_MODULUS_LENGTH,
};

/** The WebCrypto instance handed to every @peculiar/x509 call, so no global provider is needed. */
export const crypto = webcrypto as unknown as Crypto;

export async function generateKeyPair(): Promise<CryptoKeyPair> {
  // extractable: the private key is exported once, to PEM, right after generation
  return (await webcrypto.subtle.generateKey(RSA_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

export function privateKeyToPem(key: CryptoKey): string {
  return KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }).toString();
}

export interface SigningKey {
  key: CryptoKey;
  /** The x509 `signingAlgorithm` that matches the key (hash chosen by key size, as OpenSSL does). */
  algorithm: Algorithm | EcdsaParams;
}

const EC_CURVES: Record<string, { namedCurve: string; hash: string }> = {
  prime256v1: { namedCurve: 'P-256', hash: 'SHA-256' },
  secp384r1: { namedCurve: 'P-384', hash: 'SHA-384' },
  secp521r1: { namedCurve: 'P-521', hash: 'SHA-512' },
};

/** Imports a CA private key from PEM (PKCS#8, PKCS#1 or SEC1; RSA or EC P-256/384/521) for signing. */
export function importSigningKey(pem: string): SigningKey {
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey(pem);
  } catch (cause) {
    throw illegalArgument(`cannot read the CA private key: ${(cause as Error).message}`);
  }
  if (keyObject.asymmetricKeyType === 'rsa') {
    const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    return { key: keyObject.toCryptoKey(algorithm, false, ['sign']) as unknown as CryptoKey, algorithm };
  }
  const curve = EC_CURVES[keyObject.asymmetricKeyDetails?.namedCurve ?? ''];
  if (keyObject.asymmetricKeyType === 'ec' && curve) {
    const key = keyObject.toCryptoKey({ name: 'ECDSA', namedCurve: curve.namedCurve }, false, ['sign']) as unknown as CryptoKey;
    return { key, algorithm: { name: 'ECDSA', hash: curve.hash } };
  }
  throw illegalArgument(`unsupported CA key type [${keyObject.asymmetricKeyType}]; use RSA or EC P-256/384/521`);
}

const DAY_MS = 86_400_000;
/** Certificates start a little in the past so a client whose clock lags ours still accepts them. */
const BACKDATE_MS = 5 * 60_000;

export function validityWindow(days: number, now = Date.now()): { notBefore: Date; notAfter: Date } {
  if (!Number.isInteger(days) || days < 1) throw illegalArgument(`validityDays must be a positive integer, got [${days}]`);
  return { notBefore: new Date(now - BACKDATE_MS), notAfter: new Date(now + days * DAY_MS) };
}
