import { EsError } from '../../../core/errors.ts';
import { requireObjectBody, stringArray, stringField, wrongType } from '../../body.ts';
import { ok, type Handler } from '../../types.ts';
import type { PutUserRequest } from '../../../authc/users/user-management.ts';
import { passwordHashFromBody } from './password-field.ts';

const FIELDS = new Set(['password', 'password_hash', 'roles', 'full_name', 'email', 'metadata', 'enabled', 'username']);

/** PUT|POST /_security/user/{username} */
export const putUser: Handler = async (ctx) => {
  const username = ctx.params.username;
  const body = requireObjectBody(await ctx.body());
  const req: { -readonly [K in keyof PutUserRequest]: PutUserRequest[K] } = { username };
  for (const [field, v] of Object.entries(body)) {
    if (!FIELDS.has(field)) throw new EsError('parse', `failed to parse add user request. unexpected field [${field}]`);
    if (field === 'roles') req.roles = stringArray('roles', v);
    else if (field === 'full_name') req.fullName = stringField('full_name', v, true);
    else if (field === 'email') req.email = stringField('email', v, true);
    else if (field === 'metadata') {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw wrongType('metadata', 'object', v);
      req.metadata = v as Record<string, unknown>;
    } else if (field === 'enabled') {
      if (typeof v !== 'boolean') throw wrongType('enabled', 'boolean', v);
      req.enabled = v;
    } else if (field === 'username') {
      if (stringField('username', v) !== username) {
        throw new EsError('illegal_argument', `[username] in source does not match the username provided [${username}]`);
      }
    }
  }
  req.passwordHash = await passwordHashFromBody(body, ctx.services.passwordHasher);
  return ok(await ctx.services.users.putUser(req, ctx.authentication));
};
