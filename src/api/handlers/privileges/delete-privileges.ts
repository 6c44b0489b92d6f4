import { splitList } from '../../body.ts';
import type { Handler } from '../../types.ts';

/** DELETE /_security/privilege/{application}/{name} — `{app: {name: {found}}}`; 404 when none was found. */
export const deletePrivileges: Handler = async (ctx) => {
  const application = ctx.params.application;
  const found = await ctx.services.authz.privileges.delete(application, splitList(ctx.params.name));
  const any = Object.values(found).some(Boolean);
  return { status: any ? 200 : 404, body: { [application]: Object.fromEntries(Object.entries(found).map(([n, f]) => [n, { found: f }])) } };
};
