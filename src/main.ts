import { SettingsError } from './config/load.ts';
import { start } from './cli/start.ts';
import { resetPassword, CliError } from './cli/reset-password.ts';
import { users } from './cli/users.ts';
import { serviceTokens } from './cli/service-tokens.ts';
import { createEnrollmentToken } from './cli/create-enrollment-token.ts';
import { USAGE as COMMAND_USAGE, wantsHelp } from './cli/usage.ts';

type Command = (argv: string[], env: NodeJS.ProcessEnv) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  start,
  'reset-password': (argv, env) => resetPassword(argv, env),
  doctor: async (argv, env) => (await import('./cli/doctor.ts')).doctor(argv, env),
  users: (argv, env) => users(argv, env),
  'service-tokens': (argv, env) => serviceTokens(argv, env),
  'create-enrollment-token': (argv, env) => createEnrollmentToken(argv, env),
};

const USAGE = `usage: portcullis <command> [options]

commands:
  start                    run the gateway (--config FILE, --data DIR, --listen HOST:PORT, --upstream URL, --no-tls)
  reset-password           reset a user's password (-u USER [--auto | -i] [-b] [--data DIR] [--config FILE])
  users                    file realm users: useradd|userdel|passwd|roles|list (like elasticsearch-users)
  service-tokens           file service tokens: create|delete|list (like elasticsearch-service-tokens)
  create-enrollment-token  an enrollment token for Kibana (-s kibana [--url URL]), like elasticsearch-create-enrollment-token
  doctor                   why does a request get a 401? (reads ELASTICSEARCH_URL and credentials from env or .env; --json)

\`portcullis <command> --help\` describes a command's options.
`;

async function usageOf(command: string): Promise<string> {
  return COMMAND_USAGE[command] ?? (command === 'doctor' ? (await import('./cli/doctor.ts')).DOCTOR_USAGE : USAGE);
}

const PARSE_ERRORS: ReadonlySet<string> = new Set(['ERR_PARSE_ARGS_UNKNOWN_OPTION', 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL']);

/** Exit codes: 0 ok, 1 failure, 64 usage, 78 configuration (as Elasticsearch's tools use them). */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  const run = command ? COMMANDS[command] : undefined;
  if (!run) {
    process.stderr.write(command ? `unknown command [${command}]\n${USAGE}` : USAGE);
    return 64;
  }
  if (wantsHelp(rest)) {
    process.stdout.write(await usageOf(command));
    return 0;
  }
  try {
    return await run(rest, process.env);
  } catch (e) {
    if (e instanceof SettingsError) {
      process.stderr.write(`portcullis: ${e.message}\n`);
      return 78;
    }
    if (PARSE_ERRORS.has((e as NodeJS.ErrnoException).code ?? '')) {
      process.stderr.write(`portcullis ${command}: ${(e as Error).message}\n\n${await usageOf(command)}`);
      return 64;
    }
    if (e instanceof CliError) {
      process.stderr.write(`portcullis: ${e.message}\n`);
      return e.exitCode;
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
