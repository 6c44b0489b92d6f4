import type { Authentication } from '../../core/authentication.ts';
import { EsError, validationError } from '../../core/errors.ts';
import type { User } from '../../core/user.ts';
import type { SecurityStore, UserRecord } from '../../store/security-store.ts';
import { userFromRecord } from '../realms/native/native-realm.ts';
import { RESERVED_USERS, isReservedUsername, reservedUser } from '../realms/reserved/reserved-users.ts';
import { parseUserQueryRequest } from './query-users.ts';
import { MAX_NATIVE_NAME_LENGTH, hasReservedMetadata, validateName } from './validation.ts';

export interface PutUserRequest {
  readonly username: string;
  /** Already hashed (from `password`) or given as `password_hash`. */
  readonly passwordHash?: string;
  readonly roles?: readonly string[];
  readonly fullName?: string | null;
  readonly email?: string | null;
  readonly metadata?: Record<string, unknown>;
  readonly enabled?: boolean;
}

/**
 * ES's rules for managing native and reserved users. Every change drops the cached credentials of that
 * user alone (through `invalidate`) after it is stored.
 */
export class UserManagement {
  readonly #store: SecurityStore;
  readonly #invalidate: (usernames: readonly string[]) => void;

  constructor(store: SecurityStore, invalidate: (usernames: readonly string[]) => void) {
    this.#store = store;
    this.#invalidate = invalidate;
  }

  async putUser(req: PutUserRequest, actor: Authentication): Promise<{ created: boolean }> {
    // ES validates the request first (roles, metadata), and the user only when the request is valid.
    const requestProblems: string[] = [];
    if (req.roles === undefined) requestProblems.push('roles are missing');
    if (hasReservedMetadata(req.metadata)) requestProblems.push('metadata keys may not start with [_]');
    if (requestProblems.length) throw validationError(requestProblems);
    const problems: string[] = [];
    if (req.enabled === false && isSelf(actor, req.username)) {
      problems.push('native and reserved realm users may not update the enabled status of their own account');
    }
    if (isReservedUsername(req.username)) problems.push(`user [${req.username}] is reserved and only the password can be changed`);
    else {
      const e = validateName('User', req.username, MAX_NATIVE_NAME_LENGTH);
      if (e) problems.push(e);
    }
    for (const role of req.roles ?? []) {
      const e = validateName('Role', role, 1024);
      if (e) problems.push(e);
    }
    if (problems.length) throw validationError(problems);

    const { before } = await this.#store.updateUser(req.username, (existing) => {
      const passwordHash = req.passwordHash ?? existing?.passwordHash;
      if (!passwordHash) {
        throw new EsError('validation', 'Validation Failed: 1: password must be specified unless you are updating an existing user;', {
          type: 'validation_exception',
        });
      }
      const next: UserRecord = {
        username: req.username,
        passwordHash,
        roles: [...(req.roles ?? [])],
        fullName: req.fullName ?? null,
        email: req.email ?? null,
        metadata: req.metadata ?? {},
        enabled: req.enabled ?? true,
      };
      return next;
    });
    this.#invalidate([req.username]);
    return { created: before === null };
  }

  async deleteUser(username: string): Promise<boolean> {
    if (isReservedUsername(username)) throw new EsError('illegal_argument', `user [${username}] is reserved and cannot be deleted`);
    const { before } = await this.#store.updateUser(username, (existing) => (existing ? null : undefined));
    this.#invalidate([username]);
    return before !== null;
  }

  /** Users by name (reserved ones included), or all of them: reserved first, then native, as ES lists them. */
  async getUsers(usernames?: readonly string[]): Promise<User[]> {
    const reservedNames = usernames === undefined ? Object.keys(RESERVED_USERS) : usernames.filter(isReservedUsername);
    const nativeNames = usernames?.filter((u) => !isReservedUsername(u));
    const reserved = await Promise.all(
      reservedNames.map(async (u) => reservedUser(u, (await this.#store.getReservedUser(u))?.enabled ?? true)),
    );
    const native = nativeNames !== undefined && nativeNames.length === 0 ? [] : await this.#store.listUsers(nativeNames);
    return [...reserved, ...native.map(userFromRecord)];
  }

  /** The query users API: native users only (reserved users are not documents of the users index in ES either). */
  async query(body: unknown, now: number): Promise<{ total: number; users: { user: User; sort: readonly unknown[] }[] }> {
    const r = await this.#store.queryUsers(parseUserQueryRequest(body, now));
    return { total: r.total, users: r.users.map((u) => ({ user: userFromRecord(u.user), sort: u.sort })) };
  }

  async changePassword(username: string, passwordHash: string): Promise<void> {
    if (isReservedUsername(username)) {
      await this.#store.updateReservedUser(username, (e) => ({ username, passwordHash, enabled: e?.enabled ?? true }));
    } else {
      await this.#store.updateUser(username, (existing) => {
        if (!existing) {
          throw new EsError('validation', 'Validation Failed: 1: user must exist in order to change password;', { type: 'validation_exception' });
        }
        return { ...existing, passwordHash };
      });
    }
    this.#invalidate([username]);
  }

  async setEnabled(username: string, enabled: boolean, actor: Authentication): Promise<void> {
    if (isSelf(actor, username)) throw new EsError('illegal_argument', 'users may not update the enabled status of their own account');
    if (isReservedUsername(username)) {
      await this.#store.updateReservedUser(username, (e) => ({ username, passwordHash: e?.passwordHash ?? null, enabled }));
    } else {
      await this.#store.updateUser(username, (existing) => {
        if (!existing) {
          throw new EsError('validation', `Validation Failed: 1: only existing users can be ${enabled ? 'enabled' : 'disabled'};`, { type: 'validation_exception' });
        }
        return { ...existing, enabled };
      });
    }
    this.#invalidate([username]);
  }
}

function isSelf(actor: Authentication, username: string): boolean {
  return (actor.authenticatedBy.type === 'native' || actor.authenticatedBy.type === 'reserved') && actor.user.username === username;
}
