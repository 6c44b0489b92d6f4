/**
 * The gateway's config dir as the x-pack YAML tests expect their cluster's (see
 * shared/conformance/es-yaml/_harness/NOTES.md): portcullis.yml with the node settings, and the
 * file-realm and service-token files in Elasticsearch's own formats: `users` (bcrypt hashes),
 * `users_roles`, `roles.yml` (the test cluster's default roles) and `service_tokens`.
 */
import { createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const ADMIN_USER = 'x_pack_rest_user';
export const ADMIN_PASSWORD = 'x-pack-test-password';
export const ADMIN_ROLE = '_es_test_root';
/** The keystore's `bootstrap.password` in the test cluster: the `elastic` user's password. */
export const ELASTIC_PASSWORD = 'x-pack-test-password';
/** The file service token that service_accounts/10_basic.yml counts (`file_tokens: { token1: {} }`). */
export const FILE_SERVICE_TOKEN = 'elastic/fleet-server/token1';

export const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const bcrypt = createRequire(import.meta.url)('bcrypt') as { hashSync(data: string, rounds: number): string };

/** Node settings from XPackRestIT that the gateway knows; the rest (ML, watcher, license) have no meaning here. */
const SETTINGS = `# Written by the conformance harness (test/conformance/cluster-files.ts).
# The node settings Elastic's x-pack YAML REST tests run with, where they apply to a gateway.
xpack.security.enabled: true
xpack.security.authc.token.enabled: true
xpack.security.authc.api_key.enabled: true
`;

/** Elasticsearch's PBKDF2_STRETCH: PBKDF2-HMAC-SHA512 (10000 rounds, 32-byte salt and key) of the SHA-512 hex of the secret. */
export function pbkdf2StretchHash(secret: string): string {
  const stretched = createHash('sha512').update(secret, 'utf8').digest('hex');
  const salt = randomBytes(32);
  const key = pbkdf2Sync(stretched, salt, 10_000, 32, 'sha512');
  return `{PBKDF2_STRETCH}10000$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Writes the config dir; returns the path of portcullis.yml. */
export function writeConfigDir(dir: string, harnessDir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = (name: string, text: string) => writeFileSync(join(dir, name), text, { mode: 0o600 });
  file('portcullis.yml', SETTINGS);
  file('users', `${ADMIN_USER}:${bcrypt.hashSync(ADMIN_PASSWORD, 10)}\n`);
  file('users_roles', `${ADMIN_ROLE}:${ADMIN_USER}\n`);
  file('roles.yml', readFileSync(join(harnessDir, 'default_test_roles.yml'), 'utf8'));
  file('service_tokens', `${FILE_SERVICE_TOKEN}:${pbkdf2StretchHash(randomBytes(16).toString('base64url'))}\n`);
  return join(dir, 'portcullis.yml');
}
