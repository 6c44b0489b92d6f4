import { SettingsError } from './config/load.ts';
import { start } from './cli/start.ts';
import { resetPassword, CliError } from './cli/reset-password.ts';
import { users } from './cli/users.ts';
import { serviceTokens } from './cli/service-tokens.ts';

const COMMANDS: Record<string, (argv: string[], env: NodeJS.ProcessEnv) => Promise<number>> = {
  start,
  'reset-password': (argv, env) => resetPassword(argv, env),
  doctor: async (argv, env) => (await import('./cli/doctor.ts')).doctor(argv, env),
  users: (argv, env) => users(argv, env),
  'service-tokens': (argv, env) => serviceTokens(argv, env),
};

const USAGE = `usage: portcullis <command> [options]

commands:
  start            run the gateway (--config FILE, --data DIR, --listen HOST:PORT, --upstream URL, --no-tls)
  reset-password   reset a user's password (-u USER [--auto | -i] [-b] [--data DIR] [--config FILE])
  users            file realm users: useradd|userdel|passwd|roles|list (like elasticsearch-users)
  service-tokens   file service tokens: create|delete|list (like elasticsearch-service-tokens)
  doctor           why does a request get a 401? (reads ELASTICSEARCH_URL and credentials from env or .env; --json)
`;

/** Exit codes: 0 ok, 1 failure, 64 usage, 78 configuration (as Elasticsearch's tools use them). */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const run = command ? COMMANDS[command] : undefined;
  if (!run) {
    process.stderr.write(command && command !== '--help' && command !== '-h' ? `unknown command [${command}]\n${USAGE}` : USAGE);
    return command === '--help' || command === '-h' ? 0 : 64;
  }
  try {
    return await run(rest, process.env);
  } catch (e) {
    if (e instanceof SettingsError) {
      process.stderr.write(`portcullis: ${e.message}\n`);
      return 78;
    }
    if (e instanceof CliError || (e as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || (e as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      process.stderr.write(`portcullis: ${(e as Error).message}\n`);
      return 64;
    }
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`portcullis: cannot listen: address already in use\n`);
      return 1;
    }
    process.stderr.write(`portcullis: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
