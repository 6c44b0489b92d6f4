import { parseArgs } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { systemClock } from '../core/clock.ts';
import { apiKeySettings } from '../authc/api-keys/api-key-settings.ts';
import { ENROLL_ACTIONS, createEnrollmentApiKey, encodeEnrollmentToken, tokenAddresses, type EnrollmentScope } from '../authc/enrollment/enrollment-token.ts';
import { TLS_FILES, sha256Fingerprint } from '../http/tls/index.ts';
import { parseListen } from '../http/server.ts';
import type { Settings } from '../config/load.ts';
import { COMMON_OPTIONS, settingsFromFlags } from './args.ts';
import { CliError } from './reset-password.ts';

/** Exit codes of Elasticsearch's tool: 64 usage, 73 cannot create, 78 configuration. */
const CANT_CREATE = 73;
const CONFIG = 78;

const NO_KEYSTORE = 'Unable to create an enrollment token. Elasticsearch node HTTP layer SSL configuration is not configured with a keystore';

/**
 * `portcullis create-enrollment-token -s kibana|node [--url URL]`, like `elasticsearch-create-enrollment-token`:
 * stores the token's API key in the data dir's store (a running gateway accepts it at once) and prints the token.
 */
export async function createEnrollmentToken(argv: string[], env: NodeJS.ProcessEnv, io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...COMMON_OPTIONS, scope: { type: 'string', short: 's' }, url: { type: 'string' }, force: { type: 'boolean', short: 'f' } },
    strict: true,
  });
  if (values.scope === undefined) throw new CliError('Missing required option(s) [s/scope]');
  if (!Object.hasOwn(ENROLL_ACTIONS, values.scope)) {
    io.err.write(`The scope of this enrollment token, can only be one of [node, kibana]\n`);
    throw new CliError('Invalid scope');
  }
  const scope = values.scope as EnrollmentScope;
  const settings = settingsFromFlags(values, env);
  const dataPath = resolve(settings.get<string>('portcullis.data.path'));
  const dbPath = join(dataPath, 'security.db');
  if (!existsSync(dbPath)) throw new CliError(`no Portcullis data found at [${dbPath}]; start the gateway once first or pass --data`, 1);
  const caPath = ownHttpCa(settings, dataPath);
  const enabled = settings.get<boolean | undefined>('xpack.security.enrollment.enabled') ?? caPath !== null;
  if (!enabled) throw new CliError('[xpack.security.enrollment.enabled] must be set to `true` to create an enrollment token', CONFIG);
  const failed = (reason: string) => {
    io.err.write(`Unable to create enrollment token for scope [${scope}]\n`);
    return new CliError(reason, CANT_CREATE);
  };
  if (caPath === null) throw failed(NO_KEYSTORE);
  const addresses = values.url !== undefined ? [urlAddress(values.url)] : listenAddresses(settings);
  const fingerprint = sha256Fingerprint(readFileSync(caPath, 'utf8'));
  const store = new SqliteStore(dbPath);
  try {
    const apiKey = await createEnrollmentApiKey(store, apiKeySettings(settings).hashing, systemClock, scope);
    io.out.write(`${encodeEnrollmentToken({ version: settings.get<string>('portcullis.elasticsearch.version'), addresses, fingerprint, apiKey }).reveal()}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** The CA the gateway generated for its HTTP layer, when that is what it serves with; else null. */
function ownHttpCa(settings: Settings, dataPath: string): string | null {
  if (!settings.get<boolean>('xpack.security.http.ssl.enabled')) return null;
  const custom = settings.get('xpack.security.http.ssl.certificate') !== undefined || settings.get('xpack.security.http.ssl.keystore.path') !== undefined;
  const path = join(dataPath, 'certs', TLS_FILES.caCert);
  return !custom && existsSync(path) ? path : null;
}

function urlAddress(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`invalid URL [${raw}]`);
  }
  const port = url.port || (url.protocol === 'http:' ? '80' : '443');
  return `${url.hostname}:${port}`;
}

function listenAddresses(settings: Settings): string[] {
  const listen = parseListen(settings.get<string>('portcullis.listen'));
  if (!listen || listen.port === 0) throw new CliError('cannot tell the gateway\'s address from [portcullis.listen]: pass --url', CONFIG);
  return tokenAddresses(listen.host, listen.port);
}
