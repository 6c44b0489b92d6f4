import { EsError, isEsError, validationError } from '../../../core/errors.ts';
import { realmAuthentication } from '../../../core/authentication.ts';
import { makeUser } from '../../../core/user.ts';
import { requireObjectBody } from '../../body.ts';
import { checkParams } from '../../params.ts';
import { ok, type Handler } from '../../types.ts';
import { checkPrivilegeNames, evaluateCheck, parseCheck, type PrivilegesToCheck } from '../privileges/has-privileges.ts';
import { errorsJson } from './profile-errors.ts';

const REQUEST = 'profile_has_privileges_request';

/**
 * GET|POST /_security/profile/_has_privileges: which of the profiles' users (their last synchronized roles
 * and realm) hold all the privileges asked for. Missing profiles are errors; disabled ones are left out.
 */
export const profileHasPrivileges: Handler = async (ctx) => {
  checkParams(ctx.request.path, ctx.query, []);
  const o = requireObjectBody(await ctx.body());
  for (const k of Object.keys(o)) if (k !== 'uids' && k !== 'privileges') throw new EsError('x_content_parse', `[1:2] [${REQUEST}] unknown field [${k}]`);
  if (o.uids === undefined) throw new EsError('illegal_argument', 'Required [uids]');
  if (o.privileges === undefined) throw new EsError('illegal_argument', 'Required [privileges]');
  if (!Array.isArray(o.uids) || !o.uids.every((u) => typeof u === 'string')) throw new EsError('x_content_parse', `[1:2] [${REQUEST}] failed to parse field [uids]`);
  const check = parsePrivileges(o.privileges);
  if (o.uids.length === 0) throw validationError(['profile uids list must not be empty']);
  let invalid: EsError | undefined;
  try {
    checkPrivilegeNames(check);
  } catch (e) {
    if (!isEsError(e)) throw e;
    invalid = e;
  }
  const { profiles, errors } = await ctx.services.profiles.enabledSubjects(o.uids as string[]);
  const engine = ctx.services.authz.engine;
  const uids: string[] = [];
  for (const p of profiles) {
    if (invalid) {
      errors[p.uid] = invalid;
      continue;
    }
    const user = makeUser(p.user.username, { roles: p.user.roles, fullName: p.user.fullName, email: p.user.email });
    const permission = await engine.permissionFor(realmAuthentication(user, { name: p.user.realm.name, type: p.user.realm.type }));
    if ((await evaluateCheck(permission, check, () => engine.appPrivileges())).all) uids.push(p.uid);
  }
  const errs = errorsJson(Object.fromEntries(Object.entries(errors).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  return ok({ has_privilege_uids: uids, ...(errs ? { errors: errs } : {}) });
};

/** The `privileges` object as ES's privileges check parses it; a failure names this request's field. */
function parsePrivileges(v: unknown): PrivilegesToCheck {
  try {
    return parseCheck(REQUEST, v);
  } catch (e) {
    if (isEsError(e) && e.type === 'parse_exception') throw new EsError('x_content_parse', `[1:2] [${REQUEST}] failed to parse field [privileges]`);
    throw e;
  }
}
