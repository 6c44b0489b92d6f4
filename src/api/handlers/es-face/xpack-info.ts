import { EsError } from '../../../core/errors.ts';
import type { ActionContext } from '../../../authz/authorizer.ts';
import { ok, type Handler, type HandlerContext } from '../../types.ts';
import { esBuild } from '../../../core/es-build.ts';
import { INFO_FEATURES, upstreamFeatures } from './features.ts';
import { xpackLicense } from './license-body.ts';
import { boolParam, checkAcceptEnterprise, checkParams } from './query.ts';

const CATEGORIES = ['build', 'license', 'features'] as const;
type Category = (typeof CATEGORIES)[number];

/** ES's tagline of `GET /_xpack`. */
export const XPACK_TAGLINE = 'You know, for X';

/** `categories`: absent or `_all` → every one, `_none` or empty → none; an unknown name is ES's enum error. */
export function parseCategories(query: URLSearchParams): ReadonlySet<Category> {
  const raw = query.get('categories');
  if (raw === null) return new Set(CATEGORIES);
  const out = new Set<Category>();
  for (const name of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (name === '_all') return new Set(CATEGORIES);
    if (name === '_none') return new Set();
    const c = name.toLowerCase();
    if (!(CATEGORIES as readonly string[]).includes(c)) {
      throw new EsError('illegal_argument', `No enum constant org.elasticsearch.protocol.xpack.XPackInfoRequest.Category.${name.toUpperCase()}`);
    }
    out.add(c as Category);
  }
  return out;
}

/** Parameters are checked before the request is authorized, as ES's REST layer does. */
export const xpackInfoContext = async (ctx: HandlerContext): Promise<ActionContext> => {
  checkParams('/_xpack', ctx.query, ['categories', 'accept_enterprise']);
  parseCategories(ctx.query);
  checkAcceptEnterprise(ctx.query);
  boolParam(ctx.query, 'human', false);
  return {};
};

/**
 * GET /_xpack (`cluster:monitor/xpack/info`): the build of the version the gateway implements, the gateway's
 * licence, and the features: security as the gateway provides it, the others as the upstream does.
 */
export const xpackInfo: Handler = async ({ query, services }) => {
  const face = services.face;
  const categories = parseCategories(query);
  const out: Record<string, unknown> = {};
  if (categories.has('build')) {
    const b = esBuild(face.version);
    out.build = { hash: b.build_hash, date: b.build_date };
  }
  if (categories.has('license')) out.license = xpackLicense(face, boolParam(query, 'human', false));
  if (categories.has('features')) {
    const features = await upstreamFeatures(face, INFO_FEATURES, '/_xpack?categories=features', (b) => b.features);
    features.security = { available: true, enabled: true };
    out.features = Object.fromEntries(Object.entries(features).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  if (boolParam(query, 'human', true)) out.tagline = XPACK_TAGLINE;
  return ok(out);
};
