import { EsError, validationError } from '../../../core/errors.ts';
import type { SuggestRequest } from '../../../authc/profiles/suggest.ts';
import { profileUserJson, filterData } from '../../../authc/profiles/profile-json.ts';
import { splitList, tokenName } from '../../body.ts';
import { checkParams } from '../../params.ts';
import { ok, type Handler } from '../../types.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const REQUEST = 'suggest_profile_request_payload';
const parseFailure = (reason: string) => new EsError('x_content_parse', `[1:2] [${REQUEST}] ${reason}`);

/** GET|POST /_security/profile/_suggest: enabled profiles whose names match, ranked (ES's SuggestProfiles). */
export const suggestProfiles: Handler = async (ctx) => {
  const started = Date.now();
  checkParams(ctx.request.path, ctx.query, ['data']);
  const r = parseSuggest(await ctx.body(), ctx.query.get('data'));
  const { total, hits } = await ctx.services.profiles.suggest(r);
  return ok({
    took: Date.now() - started,
    total: { value: total, relation: 'eq' },
    profiles: hits.map((p) => ({ uid: p.uid, user: profileUserJson(p), labels: p.labels, data: filterData(p.data, r.dataKeys) })),
  });
};

export function parseSuggest(body: unknown, dataParam: string | null): SuggestRequest {
  if (body !== undefined && !isObject(body)) throw new EsError('parse', `expected an object, but found [${tokenName(body)}] instead`);
  const o: Json = body ?? {};
  for (const k of Object.keys(o)) if (!['name', 'size', 'hint', 'data'].includes(k)) throw parseFailure(`unknown field [${k}]`);
  if (o.name !== undefined && typeof o.name !== 'string') throw parseFailure('name doesn\'t support values of type: ' + tokenName(o.name));
  if (o.data !== undefined && typeof o.data !== 'string') throw parseFailure('data doesn\'t support values of type: ' + tokenName(o.data));
  if (o.size !== undefined && (typeof o.size !== 'number' || !Number.isInteger(o.size))) throw parseFailure('failed to parse field [size]');
  if (dataParam !== null && o.data !== undefined) {
    throw new EsError('illegal_argument', 'The [data] parameter must be specified in either request body or as query parameter, but not both');
  }
  const size = (o.size as number | undefined) ?? 10;
  const hint = o.hint === undefined ? undefined : parseHint(o.hint);
  const problems: string[] = [];
  if (size < 0) problems.push(`[size] parameter cannot be negative but was [${size}]`);
  if (hint) problems.push(...hint.problems);
  if (problems.length) throw validationError(problems);
  return { name: (o.name as string | undefined) ?? '', size, dataKeys: splitList((dataParam ?? (o.data as string | undefined)) ?? undefined), hint: hint?.hint };
}

function parseHint(v: unknown): { hint: NonNullable<SuggestRequest['hint']>; problems: string[] } {
  if (!isObject(v)) throw parseFailure('failed to parse field [hint]');
  for (const k of Object.keys(v)) if (k !== 'uids' && k !== 'labels') throw new EsError('x_content_parse', `[1:2] [suggest_profile_request_payload_hint] unknown field [${k}]`);
  if (v.uids !== undefined && !(Array.isArray(v.uids) && v.uids.every((u) => typeof u === 'string'))) throw parseFailure('failed to parse field [hint]');
  if (v.labels !== undefined && !isObject(v.labels)) throw parseFailure('failed to parse field [hint]');
  const uids = v.uids as string[] | undefined;
  const labels = v.labels as Json | undefined;
  if (uids === undefined && labels === undefined) return { hint: {}, problems: ['[hint] parameter cannot be empty'] };
  const problems: string[] = [];
  if (uids !== undefined && uids.length === 0) problems.push('[uids] hint cannot be empty');
  let label: { key: string; values: string[] } | undefined;
  if (labels !== undefined) {
    const entries = Object.entries(labels).map(([k, x]) => [k, labelValues(x)] as const);
    if (entries.length !== 1) return { hint: { uids }, problems: [...problems, `[labels] hint supports a single key, got [${entries.map(([k]) => k).join(',')}]`] };
    const [key, values] = entries[0];
    if (key.includes('*')) problems.push('[labels] hint key cannot contain wildcard');
    if (values.length === 0) problems.push('[labels] hint value cannot be empty');
    label = { key, values };
  }
  return { hint: { uids, label }, problems };
}

function labelValues(x: unknown): string[] {
  if (typeof x === 'string') return [x];
  if (Array.isArray(x)) {
    if (!x.every((s) => typeof s === 'string')) throw new EsError('parse', '[labels] hint supports either string value or list of strings');
    return x as string[];
  }
  throw new EsError('parse', '[labels] hint supports either string or list of strings as its value');
}
