import { profileToJson } from '../../../authc/profiles/profile-json.ts';
import { splitList } from '../../body.ts';
import { checkParams } from '../../params.ts';
import { ok, type Handler } from '../../types.ts';
import { errorsJson } from './profile-errors.ts';

/** GET /_security/profile/{uid}: the profiles (comma-separated uids), with the application data keys of `data`. */
export const getProfiles: Handler = async (ctx) => {
  checkParams(ctx.request.path, ctx.query, ['data']);
  const dataKeys = splitList(ctx.query.get('data') ?? undefined);
  const { profiles, errors } = await ctx.services.profiles.get(splitList(ctx.params.uid));
  const errs = errorsJson(errors);
  return ok({ profiles: profiles.map((p) => profileToJson(p, dataKeys)), ...(errs ? { errors: errs } : {}) });
};
