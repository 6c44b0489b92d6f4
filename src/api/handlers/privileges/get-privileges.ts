import { splitList } from '../../body.ts';
import { ok, type Handler } from '../../types.ts';

/** GET /_security/privilege[/{application}[/{name}]] — `{app: {name: {application, name, actions, metadata}}}`; 404 `{}` when named ones are all missing. */
export const getPrivileges: Handler = async (ctx) => {
  const application = ctx.params.application ?? '';
  const names = splitList(ctx.params.name);
  const found = await ctx.services.authz.privileges.get(application, names);
  const body: Record<string, Record<string, unknown>> = {};
  for (const p of found) (body[p.application] ??= {})[p.name] = { application: p.application, name: p.name, actions: p.actions, metadata: p.metadata };
  return { status: names.length && found.length === 0 ? 404 : 200, body };
};
