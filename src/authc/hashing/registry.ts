import type { Secret } from '../../core/secret.ts';
import type { HashAlgorithm, HashFamily, Verifier } from './algorithm.ts';
import { hashBcrypt, verifyBcrypt } from './bcrypt.ts';
import { hashPbkdf2, PLAIN, STRETCH, verifyPbkdf2, type Pbkdf2Variant } from './pbkdf2.ts';
import { hashSsha256, ssha256Verifier, verifySsha256 } from './ssha256.ts';
import { hashNoop, hashUnsalted, MD5, noopVerifier, SHA1, unsaltedVerifier, verifyNoop, verifyUnsalted, type UnsaltedDigest } from './unsalted.ts';

/** The one table of Elasticsearch's hash algorithms, in the order of ES's `Hasher` enum. */

export const BCRYPT_COSTS: readonly number[] = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
export const PBKDF2_ITERATIONS: readonly number[] = [1000, 10000, 50000, 100000, 500000, 1000000];
const BCRYPT_DEFAULT_COST = 10;
const PBKDF2_DEFAULT_ITERATIONS = 10000;

type Uses = Pick<HashAlgorithm, 'forStoredPasswords' | 'forStoredTokens' | 'forCache'>;
const STORED: Uses = { forStoredPasswords: true, forStoredTokens: true, forCache: true };
const TOKENS_AND_CACHE: Uses = { forStoredPasswords: false, forStoredTokens: true, forCache: true };
const CACHE_ONLY: Uses = { forStoredPasswords: false, forStoredTokens: false, forCache: true };

type Verify = HashAlgorithm['verify'];

/** Verification answers false, never throws, whatever it is handed. */
function neverThrows(verify: Verify): Verify {
  return async (password: Secret, stored: string) => {
    if (typeof stored !== 'string') return false;
    try {
      return await verify(password, stored);
    } catch {
      return false;
    }
  };
}

/** A synchronous verifier that answers false, never throws, whatever it is handed. */
function syncNeverThrows(compile: (stored: string) => (password: Secret) => boolean): HashAlgorithm['verifier'] {
  return (stored: string) => {
    if (typeof stored !== 'string') return () => false;
    let check: (password: Secret) => boolean;
    try {
      check = compile(stored);
    } catch {
      return () => false;
    }
    return (password) => {
      try {
        return check(password);
      } catch {
        return false;
      }
    };
  };
}

function define(
  name: string,
  family: HashFamily,
  cost: number | null,
  uses: Uses,
  hash: HashAlgorithm['hash'],
  verify: Verify,
  compile?: (stored: string) => (password: Secret) => boolean,
): HashAlgorithm {
  const safe = neverThrows(verify);
  const verifier = compile ? syncNeverThrows(compile) : (stored: string): Verifier => (password) => safe(password, stored);
  return Object.freeze({ name, family, cost, ...uses, hash, verify: safe, verifier });
}

function bcrypt(cost: number): HashAlgorithm {
  const name = cost === BCRYPT_DEFAULT_COST ? 'bcrypt' : `bcrypt${cost}`;
  return define(name, 'bcrypt', cost, STORED, (p) => hashBcrypt(p, cost), verifyBcrypt);
}

function pbkdf2(iterations: number, variant: Pbkdf2Variant): HashAlgorithm {
  const family = variant.stretch ? 'pbkdf2_stretch' : 'pbkdf2';
  const name = iterations === PBKDF2_DEFAULT_ITERATIONS ? family : `${family}_${iterations}`;
  const hash = (p: Secret) => hashPbkdf2(p, iterations, variant);
  return define(name, family, iterations, STORED, hash, (p, s) => verifyPbkdf2(p, s, iterations, variant));
}

function unsalted(kind: UnsaltedDigest): HashAlgorithm {
  const hash = (p: Secret) => hashUnsalted(p, kind);
  return define(kind.algorithm, kind.algorithm, null, CACHE_ONLY, hash, (p, s) => verifyUnsalted(p, s, kind), (s) => unsaltedVerifier(s, kind));
}

export const BCRYPT_BY_COST: ReadonlyMap<number, HashAlgorithm> = new Map(BCRYPT_COSTS.map((c) => [c, bcrypt(c)]));
export const PBKDF2_BY_ITERATIONS: ReadonlyMap<number, HashAlgorithm> = new Map(
  PBKDF2_ITERATIONS.map((i) => [i, pbkdf2(i, PLAIN)]),
);
export const PBKDF2_STRETCH_BY_ITERATIONS: ReadonlyMap<number, HashAlgorithm> = new Map(
  PBKDF2_ITERATIONS.map((i) => [i, pbkdf2(i, STRETCH)]),
);
export const SSHA256 = define('ssha256', 'ssha256', null, TOKENS_AND_CACHE, hashSsha256, verifySsha256, ssha256Verifier);
export const SHA1_ALGORITHM = unsalted(SHA1);
export const MD5_ALGORITHM = unsalted(MD5);
export const NOOP = define('noop', 'noop', null, CACHE_ONLY, hashNoop, verifyNoop, noopVerifier);

function byName(): Map<string, HashAlgorithm> {
  const names = new Map<string, HashAlgorithm>();
  const add = (name: string, algorithm: HashAlgorithm | undefined) => {
    if (algorithm !== undefined) names.set(name, algorithm);
  };
  add('bcrypt', BCRYPT_BY_COST.get(BCRYPT_DEFAULT_COST));
  for (const [cost, algorithm] of BCRYPT_BY_COST) add(`bcrypt${cost}`, algorithm);
  add('pbkdf2', PBKDF2_BY_ITERATIONS.get(PBKDF2_DEFAULT_ITERATIONS));
  for (const [iterations, algorithm] of PBKDF2_BY_ITERATIONS) add(`pbkdf2_${iterations}`, algorithm);
  add('pbkdf2_stretch', PBKDF2_STRETCH_BY_ITERATIONS.get(PBKDF2_DEFAULT_ITERATIONS));
  for (const [iterations, algorithm] of PBKDF2_STRETCH_BY_ITERATIONS) add(`pbkdf2_stretch_${iterations}`, algorithm);
  add('sha1', SHA1_ALGORITHM);
  add('md5', MD5_ALGORITHM);
  add('ssha256', SSHA256);
  add('noop', NOOP);
  return names;
}

const BY_NAME = byName();

/**
 * Every name ES accepts for a hash algorithm setting, in ES's order (its cache list); `clear_text`, an alias
 * of `noop`, is accepted but not listed, as in ES. Filter on the algorithm's `for*` flags for narrower lists.
 */
export const ALGORITHM_NAMES: readonly string[] = Object.freeze([...BY_NAME.keys()]);

/** Resolves a setting value case-insensitively, as ES's `Hasher.resolve`; null for an unknown name. */
export function parseHashAlgorithm(name: string): HashAlgorithm | null {
  if (typeof name !== 'string') return null;
  const key = name.toLowerCase();
  return BY_NAME.get(key === 'clear_text' ? 'noop' : key) ?? null;
}
