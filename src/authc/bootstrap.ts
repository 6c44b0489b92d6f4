import type { SecurityStore } from '../store/security-store.ts';
import { Secret } from '../core/secret.ts';
import { hashPassword, type HashAlgorithm } from './hashing/index.ts';
import { generatePassword } from '../lib/generate-password.ts';

export type BootstrapResult =
  | { readonly created: false }
  | { readonly created: true; readonly password: Secret; readonly generated: boolean };

/**
 * First start, like Elasticsearch 8: when `elastic` has no stored password, set one — `ELASTIC_PASSWORD`
 * if given, else a random 20-character one — and store only its hash. Later starts change nothing.
 */
export async function bootstrapElastic(store: SecurityStore, algorithm: HashAlgorithm, given: Secret | undefined): Promise<BootstrapResult> {
  const existing = await store.getReservedUser('elastic');
  if (existing?.passwordHash) return { created: false };
  const password = given && !given.isEmpty() ? given : new Secret(generatePassword(20));
  const hash = await hashPassword(password, algorithm);
  let created = false;
  await store.updateReservedUser('elastic', (e) => {
    if (e?.passwordHash) return undefined;
    created = true;
    return { username: 'elastic', passwordHash: hash, enabled: e?.enabled ?? true };
  });
  return created ? { created: true, password, generated: password !== given } : { created: false };
}
