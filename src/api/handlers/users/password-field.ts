import { Secret } from '../../../core/secret.ts';
import { EsError } from '../../../core/errors.ts';
import { ALGORITHM_NAMES, hashPassword, parseHashAlgorithm, resolveFromHash, type HashAlgorithm } from '../../../authc/hashing/index.ts';
import { validatePasswordLength } from '../../../authc/users/validation.ts';
import { stringField } from '../../body.ts';

/** The algorithms a stored password may use (ES lists these; unsalted digests and noop are refused). */
const STORED_PASSWORD_ALGORITHMS = ALGORITHM_NAMES.filter((n) => parseHashAlgorithm(n)?.forStoredPasswords);

const validation = (problem: string) => new EsError('validation', `Validation Failed: 1: ${problem};`, { type: 'validation_exception' });

/**
 * Reads `password` or `password_hash` from a put-user or change-password body, as ES's request builders do:
 * a clear password is length-checked and hashed with the configured algorithm; a hash must be one ES reads.
 * Returns the hash to store, or undefined when neither field is present.
 */
export async function passwordHashFromBody(body: Record<string, unknown>, hasher: HashAlgorithm): Promise<string | undefined> {
  let hash: string | undefined;
  for (const [field, value] of Object.entries(body)) {
    if (field === 'password') {
      const password = new Secret(stringField('password', value) as string);
      const problem = validatePasswordLength(password.length);
      if (problem) throw validation(problem);
      if (hash !== undefined) throw validation('password_hash has already been set');
      hash = await hashPassword(password, hasher);
    } else if (field === 'password_hash') {
      const given = stringField('password_hash', value) as string;
      const algo = resolveFromHash(given);
      if (!algo || !algo.forStoredPasswords) {
        throw new EsError(
          'illegal_argument',
          `The provided password hash is not a hash or it could not be resolved to a supported hash algorithm. The supported password hash algorithms are [${STORED_PASSWORD_ALGORITHMS.join(', ')}]`,
        );
      }
      if (hash !== undefined) throw validation('password_hash has already been set');
      hash = given;
    }
  }
  return hash;
}
