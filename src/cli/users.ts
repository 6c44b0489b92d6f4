import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Secret } from '../core/secret.ts';
import { hashPassword, parseHashAlgorithm } from '../authc/hashing/index.ts';
import { validateName, validatePasswordLength, MAX_NAME_LENGTH } from '../authc/users/validation.ts';
import { formatUsersFile, formatUsersRolesFile, parseUsersFile, parseUsersRolesFile } from '../authc/realms/file/users-files.ts';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import { CliError } from './reset-password.ts';
import { Prompter } from './prompt.ts';
import { settingsFromFlags } from './args.ts';

type Io = { out: NodeJS.WritableStream; err: NodeJS.WritableStream; in: NodeJS.ReadableStream };

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw e;
  }
}

/**
 * `portcullis users useradd|userdel|passwd|roles|list`, like `elasticsearch-users`: edits the file realm's
 * `users` and `users_roles` in the config dir; a running gateway reloads them within a second.
 */
export async function users(argv: string[], env: NodeJS.ProcessEnv, io: Io = { out: process.stdout, err: process.stderr, in: process.stdin }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string' }, password: { type: 'string', short: 'p' }, roles: { type: 'string', short: 'r' }, add: { type: 'string', short: 'a' } },
    strict: true,
  });
  const [command, username] = positionals;
  const settings = settingsFromFlags({ config: values.config }, env);
  const usersPath = join(settings.configDir, 'users');
  const rolesPath = join(settings.configDir, 'users_roles');
  const u = parseUsersFile(read(usersPath));
  const r = parseUsersRolesFile(read(rolesPath));
  if ('error' in u) throw new CliError(`${usersPath}: ${u.error}`);
  if ('error' in r) throw new CliError(`${rolesPath}: ${r.error}`);
  const userMap = u.users;
  const roleMap = r.roles;
  const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  const algo = parseHashAlgorithm(settings.get<string>('xpack.security.authc.password_hashing.algorithm'))!;
  const needUser = () => {
    if (!username) throw new CliError(`missing username`);
    const e = validateName('User', username, MAX_NAME_LENGTH);
    if (e) throw new CliError(`Invalid username [${username}]... ${e}`);
    return username;
  };
  const password = async (name: string): Promise<string> => {
    let pw = values.password;
    if (pw === undefined) {
      const prompter = new Prompter(io.in, io.err);
      try {
        pw = await prompter.secret('Enter new password: ');
        if ((await prompter.secret('Retype new password: ')) !== pw) throw new CliError('Password mismatch');
      } finally {
        prompter.close();
      }
    }
    const problem = validatePasswordLength(pw.length);
    if (problem) throw new CliError(`Invalid password for user [${name}]: ${problem}`);
    return hashPassword(new Secret(pw), algo);
  };
  const save = async () => {
    await writeFileAtomic(usersPath, formatUsersFile(userMap), 0o600);
    await writeFileAtomic(rolesPath, formatUsersRolesFile(roleMap), 0o600);
  };
  switch (command) {
    case 'useradd': {
      const name = needUser();
      if (userMap.has(name)) throw new CliError(`User [${name}] already exists`);
      userMap.set(name, await password(name));
      roleMap.set(name, list(values.roles));
      await save();
      return 0;
    }
    case 'userdel': {
      const name = needUser();
      if (!userMap.delete(name)) throw new CliError(`User [${name}] doesn't exist`);
      roleMap.delete(name);
      await save();
      return 0;
    }
    case 'passwd': {
      const name = needUser();
      if (!userMap.has(name)) throw new CliError(`User [${name}] doesn't exist`);
      userMap.set(name, await password(name));
      await save();
      return 0;
    }
    case 'roles': {
      const name = needUser();
      if (!userMap.has(name)) throw new CliError(`User [${name}] doesn't exist`);
      const remove = new Set(list(values.roles));
      const next = [...new Set([...(roleMap.get(name) ?? []), ...list(values.add)])].filter((x) => !remove.has(x));
      roleMap.set(name, next);
      await save();
      io.out.write(`${name.padEnd(15)}: ${next.length ? next.join(',') : '-'}\n`);
      return 0;
    }
    case 'list': {
      const names = username ? [username] : [...userMap.keys()].sort();
      if (username && !userMap.has(username)) throw new CliError(`User [${username}] doesn't exist`);
      for (const n of names) io.out.write(`${n.padEnd(15)}: ${(roleMap.get(n) ?? []).join(',') || '-'}\n`);
      return 0;
    }
    default:
      throw new CliError('usage: portcullis users useradd|userdel|passwd|roles|list <username> [-p password] [-r roles] [-a roles] [--config FILE]');
  }
}
