import { EsError, validationError } from '../../core/errors.ts';
import { requireObjectBody, tokenName } from '../body.ts';
import { checkParams } from '../params.ts';
import { ok, type Handler } from '../types.ts';

/** The body's sections and the system index aliases they configure in ES. */
const SECTIONS = { security: '.security', 'security-tokens': '.security-tokens', 'security-profile': '.security-profile' } as const;
const ALLOWED = ['index.auto_expand_replicas', 'index.number_of_replicas', 'index.routing.allocation.include._tier_preference'];
const REQUEST = 'update_security_settings_request';

/**
 * GET /_security/settings. The gateway keeps its security data in its own store, not in the cluster's
 * system indices, so none of the three is in use: ES's answer for indices not in use is an empty section each.
 */
export const getSecuritySettings: Handler = async (ctx) => {
  checkParams(ctx.request.path, ctx.query, ['master_timeout']);
  return ok({ security: {}, 'security-tokens': {}, 'security-profile': {} });
};

/**
 * PUT /_security/settings: validated as ES validates it; a valid update is then ES's answer for an index
 * not in use (`the [.security] index is not in use on this system yet`), since the gateway has none.
 */
export const updateSecuritySettings: Handler = async (ctx) => {
  checkParams(ctx.request.path, ctx.query, ['master_timeout', 'timeout']);
  const o = requireObjectBody(await ctx.body());
  const problems: string[] = [];
  let any = false;
  for (const [section, settings] of Object.entries(o)) {
    if (!Object.hasOwn(SECTIONS, section)) throw new EsError('x_content_parse', `[1:2] [${REQUEST}] unknown field [${section}]`);
    if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
      throw new EsError('x_content_parse', `[1:2] [${REQUEST}] ${section} doesn't support values of type: ${tokenName(settings)}`);
    }
    const keys = Object.keys(settings);
    if (keys.length) any = true;
    const illegal = keys.filter((k) => !ALLOWED.includes(k));
    if (illegal.length) {
      problems.push(
        `illegal setting for index [${section}]: [${illegal[illegal.length - 1]}], this setting may not be configured. Only the following settings may be configured for that index: [${ALLOWED.join(', ')}]`,
      );
    }
  }
  if (!any) problems.unshift('No settings given to update');
  if (problems.length) throw validationError(problems);
  const first = Object.entries(o).find(([, s]) => Object.keys(s as object).length > 0)![0] as keyof typeof SECTIONS;
  throw new EsError('illegal_argument', `the [${SECTIONS[first]}] index is not in use on this system yet`);
};
