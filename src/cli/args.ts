import { resolve } from 'node:path';
import { loadSettings, type Settings } from '../config/load.ts';
import { realmSchemas, DEFAULT_REALMS } from '../authc/realms/registry.ts';

export interface CommonFlags {
  config?: string;
  data?: string;
  listen?: string;
  upstream?: string;
  'no-tls'?: boolean;
}

/** Settings from `--config`/PORTCULLIS_CONFIG (or ./portcullis.yml if present), with flags applied last. */
export function settingsFromFlags(flags: CommonFlags, env: NodeJS.ProcessEnv): Settings {
  const explicit = flags.config ?? env.PORTCULLIS_CONFIG;
  return loadSettings({
    file: resolve(explicit ?? 'portcullis.yml'),
    required: explicit !== undefined,
    overrides: {
      'portcullis.data.path': flags.data,
      'portcullis.listen': flags.listen,
      'portcullis.upstream.url': flags.upstream,
      'xpack.security.http.ssl.enabled': flags['no-tls'] ? false : undefined,
    },
    realmSchemas: realmSchemas(),
    defaultRealms: DEFAULT_REALMS,
  });
}

export const COMMON_OPTIONS = {
  config: { type: 'string' },
  data: { type: 'string' },
  listen: { type: 'string' },
  upstream: { type: 'string' },
  'no-tls': { type: 'boolean' },
} as const;
