import type { Secret } from '../../core/secret.ts';

/** The families of Elasticsearch's `Hasher`, named as in its settings (`sha256`, unsalted, is left out: ES never resolves it by name). */
export type HashFamily = 'bcrypt' | 'pbkdf2' | 'pbkdf2_stretch' | 'ssha256' | 'sha1' | 'md5' | 'noop';

/**
 * One of Elasticsearch's hash algorithms, e.g. `bcrypt12` or `pbkdf2_stretch_1000`.
 * There is one value per (family, cost); the default-cost names (`bcrypt10`, `pbkdf2_10000`, `pbkdf2_stretch_10000`)
 * resolve to the value named `bcrypt`, `pbkdf2`, `pbkdf2_stretch`.
 */
export type HashAlgorithm = {
  /** Canonical lower-case name, as ES prints it in settings. */
  readonly name: string;
  readonly family: HashFamily;
  /** bcrypt: log2 rounds; pbkdf2 and pbkdf2_stretch: iterations; otherwise null. */
  readonly cost: number | null;
  /** Allowed for `xpack.security.authc.password_hashing.algorithm` and `password_hash` (ES: bcrypt and pbkdf2 families). */
  readonly forStoredPasswords: boolean;
  /** Allowed for stored secure tokens such as API keys and service tokens (ES: the above plus ssha256). */
  readonly forStoredTokens: boolean;
  /** Allowed for a realm's `cache.hash_algo` (ES: all of them, `noop` included). */
  readonly forCache: boolean;
  /** Hashes in this algorithm's stored format. */
  readonly hash: (password: Secret) => Promise<string>;
  /**
   * Checks a value stored by this very algorithm (what a realm cache does with its `cache.hash_algo`, `noop` included).
   * Never throws: a malformed or foreign value is `false`.
   */
  readonly verify: (password: Secret, stored: string) => Promise<boolean>;
  /**
   * `verify` with the stored value read once: what a cache keeps per entry. The cheap cache-only algorithms
   * (ssha256, sha1, md5, noop) answer synchronously. Never throws.
   */
  readonly verifier: (stored: string) => Verifier;
};

/** Checks passwords against one stored value; a boolean where the algorithm is cheap enough to answer at once. */
export type Verifier = (password: Secret) => boolean | Promise<boolean>;
