export type { HashAlgorithm, HashFamily, Verifier } from './algorithm.ts';
export { ALGORITHM_NAMES, parseHashAlgorithm } from './registry.ts';
export { resolveFromHash } from './resolve.ts';
export { hashPassword, verifyPassword } from './hasher.ts';
