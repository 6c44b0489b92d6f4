import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Secret } from '../../core/secret.ts';
import { parseDotenv } from './dotenv.ts';

/**
 * The variables the doctor reads (the names the Elasticsearch skills use), from the environment or a
 * `.env` file in the working directory; the environment wins. Secrets are wrapped at once.
 */
export const VARIABLES = {
  url: 'ELASTICSEARCH_URL',
  apiKey: 'ELASTICSEARCH_API_KEY',
  username: 'ELASTICSEARCH_USERNAME',
  password: 'ELASTICSEARCH_PASSWORD',
  bearer: 'ELASTICSEARCH_BEARER_TOKEN',
  authHeader: 'ELASTICSEARCH_AUTH_HEADER',
  clientCert: 'ELASTICSEARCH_CLIENT_CERT',
  clientKey: 'ELASTICSEARCH_CLIENT_KEY',
  caCert: 'ELASTICSEARCH_CA_CERT',
  caFingerprint: 'ELASTICSEARCH_CA_FINGERPRINT',
  /** A second, privileged API key the doctor may use only to look things up (a key's state, a user). */
  helperApiKey: 'PORTCULLIS_DOCTOR_API_KEY',
  /** Testing aid: the time the doctor takes as "now" (ISO 8601 or epoch ms), to stage clock skew. */
  now: 'PORTCULLIS_DOCTOR_NOW',
} as const;

/** Names the seed documents use for the same things, accepted when the ELASTICSEARCH_ ones are not set. */
const ALIASES: Partial<Record<keyof typeof VARIABLES, string>> = { clientCert: 'CLIENT_CERT', clientKey: 'CLIENT_KEY', caCert: 'CA_CERT', bearer: 'JWT_TOKEN' };

const SECRET_KEYS = new Set<keyof typeof VARIABLES>(['apiKey', 'password', 'bearer', 'authHeader', 'helperApiKey']);

export type Source = 'environment' | '.env';

export interface Value<T> {
  readonly value: T;
  /** The variable it came from and where that was set. */
  readonly name: string;
  readonly source: Source;
}

export type DoctorEnv = {
  readonly [K in keyof typeof VARIABLES]?: Value<K extends 'apiKey' | 'password' | 'bearer' | 'authHeader' | 'helperApiKey' ? Secret : string>;
} & { readonly dotenvPath: string | null; readonly dotenvError?: string };

/** Reads the doctor's variables: `env` first, then the `.env` file (if any) at `dotenvPath`. */
export function readDoctorEnv(env: NodeJS.ProcessEnv, dotenvPath: string = resolve('.env')): DoctorEnv {
  let file: Record<string, string> = {};
  let found: string | null = null;
  let dotenvError: string | undefined;
  try {
    file = parseDotenv(readFileSync(dotenvPath, 'utf8'));
    found = dotenvPath;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') dotenvError = `cannot read ${dotenvPath}: ${code ?? 'error'}`;
  }
  const out: Record<string, unknown> = { dotenvPath: found, ...(dotenvError ? { dotenvError } : {}) };
  for (const [key, name] of Object.entries(VARIABLES) as [keyof typeof VARIABLES, string][]) {
    const names = [name, ...(ALIASES[key] ? [ALIASES[key]!] : [])];
    for (const n of names) {
      const fromEnv = env[n];
      const raw = fromEnv !== undefined && fromEnv !== '' ? { v: fromEnv, source: 'environment' as const } : file[n] !== undefined && file[n] !== '' ? { v: file[n], source: '.env' as const } : null;
      if (!raw) continue;
      out[key] = { value: SECRET_KEYS.has(key) ? new Secret(raw.v) : raw.v, name: n, source: raw.source };
      break;
    }
  }
  return out as DoctorEnv;
}
