/** A user as Elasticsearch describes one (`User` in ES's security model). */
export interface User {
  readonly username: string;
  readonly roles: readonly string[];
  readonly fullName: string | null;
  readonly email: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly enabled: boolean;
}

export function makeUser(username: string, fields: Partial<Omit<User, 'username'>> = {}): User {
  return {
    username,
    roles: fields.roles ?? [],
    fullName: fields.fullName ?? null,
    email: fields.email ?? null,
    metadata: fields.metadata ?? {},
    enabled: fields.enabled ?? true,
  };
}

/** The `{ name, type }` of a realm, as `_authenticate` reports it. */
export interface RealmRef {
  readonly name: string;
  readonly type: string;
}

/** The user document shape in ES's API responses (get user, `_authenticate`). */
export function userToJson(u: User): Record<string, unknown> {
  return {
    username: u.username,
    roles: [...u.roles],
    full_name: u.fullName,
    email: u.email,
    metadata: u.metadata,
    enabled: u.enabled,
  };
}
