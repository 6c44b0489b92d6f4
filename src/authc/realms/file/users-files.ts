import { validateName, MAX_NAME_LENGTH } from '../../users/validation.ts';

/** The `users` file: `username:hash` lines (`#` comments), as elasticsearch-users writes it. */
export function parseUsersFile(text: string): { users: Map<string, string> } | { error: string } {
  const users = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (line === '' || line.startsWith('#')) continue;
    const i = line.indexOf(':');
    if (i <= 0) return { error: `invalid entry in users file, line [${n + 1}]` };
    const username = line.slice(0, i);
    if (validateName('User', username, MAX_NAME_LENGTH)) return { error: `invalid username [${username}] in users file, line [${n + 1}]` };
    const hash = line.slice(i + 1).trim();
    if (hash === '') return { error: `missing password hash in users file, line [${n + 1}]` };
    users.set(username, hash);
  }
  return { users };
}

/** The `users_roles` file: `role:user1,user2` lines. Returns username → roles. */
export function parseUsersRolesFile(text: string): { roles: Map<string, string[]> } | { error: string } {
  const roles = new Map<string, string[]>();
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (line === '' || line.startsWith('#')) continue;
    const i = line.indexOf(':');
    if (i <= 0) return { error: `invalid entry in users_roles file, line [${n + 1}]` };
    const role = line.slice(0, i).trim();
    if (validateName('Role', role, MAX_NAME_LENGTH)) return { error: `invalid role name [${role}] in users_roles file, line [${n + 1}]` };
    for (const user of line.slice(i + 1).split(',').map((u) => u.trim()).filter(Boolean)) {
      roles.set(user, [...(roles.get(user) ?? []), role]);
    }
  }
  return { roles };
}

export function formatUsersFile(users: ReadonlyMap<string, string>): string {
  return [...users].sort(([a], [b]) => a.localeCompare(b)).map(([u, h]) => `${u}:${h}\n`).join('');
}

export function formatUsersRolesFile(roles: ReadonlyMap<string, readonly string[]>): string {
  const byRole = new Map<string, string[]>();
  for (const [user, rs] of roles) for (const r of rs) byRole.set(r, [...(byRole.get(r) ?? []), user]);
  return [...byRole].sort(([a], [b]) => a.localeCompare(b)).map(([r, us]) => `${r}:${us.sort().join(',')}\n`).join('');
}
