import { EsError } from '../../../core/errors.ts';
import { requireObjectBody } from '../../body.ts';
import { ok, type Handler } from '../../types.ts';
import { passwordHashFromBody } from './password-field.ts';

/** PUT|POST /_security/user[/{username}]/_password — without a username, the caller's own password. */
export const changePassword: Handler = async (ctx) => {
  const body = requireObjectBody(await ctx.body());
  for (const field of Object.keys(body)) {
    if (field !== 'password' && field !== 'password_hash') {
      throw new EsError('parse', `failed to parse change password request. unexpected field [${field}]`);
    }
  }
  const hash = await passwordHashFromBody(body, ctx.services.passwordHasher);
  if (hash === undefined) throw new EsError('validation', 'Validation Failed: 1: password is missing;');
  await ctx.services.users.changePassword(targetUser(ctx.params.username, ctx.authentication.user.username), hash);
  return ok({});
};

export function targetUser(param: string | undefined, self: string): string {
  return param === undefined || param === '' ? self : param;
}
