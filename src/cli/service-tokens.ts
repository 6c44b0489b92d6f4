import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { hashPassword, parseHashAlgorithm } from '../authc/hashing/index.ts';
import { isServiceAccount } from '../authc/service-accounts/accounts.ts';
import { INVALID_TOKEN_NAME, encodeServiceToken, newServiceTokenSecret, validTokenName } from '../authc/service-accounts/service-token.ts';
import { formatServiceTokensFile, parseServiceTokensFile } from '../authc/service-accounts/service-tokens-file.ts';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import { CliError } from './reset-password.ts';
import { settingsFromFlags } from './args.ts';

/** `portcullis service-tokens create|delete|list`, like `elasticsearch-service-tokens`: edits `service_tokens`. */
export async function serviceTokens(argv: string[], env: NodeJS.ProcessEnv, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { config: { type: 'string' } }, strict: true });
  const [command, principal, name] = positionals;
  const settings = settingsFromFlags({ config: values.config }, env);
  const path = join(settings.configDir, 'service_tokens');
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const parsed = parseServiceTokensFile(text);
  if ('error' in parsed) throw new CliError(`${path}: ${parsed.error}`);
  const tokens = parsed.value;
  const checkAccount = () => {
    if (!principal || !isServiceAccount(principal)) throw new CliError(`Unknown service account principal: [${principal ?? ''}]. Must be one of [elastic/auto-ops, elastic/fleet-server, elastic/fleet-server-remote, elastic/kibana]`);
  };
  switch (command) {
    case 'create': {
      checkAccount();
      if (!name || !validTokenName(name)) throw new CliError(INVALID_TOKEN_NAME(name ?? ''));
      const key = `${principal}/${name}`;
      if (tokens.has(key)) throw new CliError(`Service token [${key}] already exists`);
      const secret = newServiceTokenSecret();
      const algo = parseHashAlgorithm(settings.get<string>('xpack.security.authc.service_token_hashing.algorithm'))!;
      tokens.set(key, await hashPassword(secret, algo));
      await writeFileAtomic(path, formatServiceTokensFile(tokens), 0o600);
      out.write(`SERVICE_TOKEN ${key} = ${encodeServiceToken(principal, name, secret).reveal()}\n`);
      return 0;
    }
    case 'delete': {
      checkAccount();
      const key = `${principal}/${name}`;
      if (!tokens.delete(key)) throw new CliError(`Service token [${key}] does not exist`);
      await writeFileAtomic(path, formatServiceTokensFile(tokens), 0o600);
      return 0;
    }
    case 'list':
      for (const key of [...tokens.keys()].sort()) if (!principal || key.startsWith(`${principal}/`)) out.write(`${key}\n`);
      return 0;
    default:
      throw new CliError('usage: portcullis service-tokens create|delete|list [<namespace/service> <token_name>] [--config FILE]');
  }
}
