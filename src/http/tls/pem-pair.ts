/** A certificate and its private key, both PEM. `keyPem` is PKCS#8 ("BEGIN PRIVATE KEY"). */
export interface PemPair {
  certPem: string;
  keyPem: string;
}

/** Concatenates PEM blocks into one text (a chain), each block on its own lines, ending in a newline. */
export function joinPem(...pems: string[]): string {
  return pems.map((pem) => `${pem.trim()}\n`).join('');
}
