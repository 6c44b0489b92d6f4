import { EsError, validationError } from '../../../core/errors.ts';
import { requireObjectBody, tokenName } from '../../body.ts';
import { checkParams, checkRefresh, longParam } from '../../params.ts';
import { ok, type Handler } from '../../types.ts';

const REQUEST = 'update_profile_data_request_payload';

/**
 * PUT|POST /_security/profile/{uid}/_data: merges `labels` and `data` (both keyed by application name)
 * into the profile, at the version `if_seq_no`/`if_primary_term` name when given.
 */
export const updateProfileData: Handler = async (ctx) => {
  checkParams(ctx.request.path, ctx.query, ['if_seq_no', 'if_primary_term', 'refresh']);
  checkRefresh(ctx.query);
  const ifSeqNo = longParam(ctx.query, 'if_seq_no');
  const ifPrimaryTerm = longParam(ctx.query, 'if_primary_term');
  const o = requireObjectBody(await ctx.body());
  for (const k of Object.keys(o)) if (k !== 'labels' && k !== 'data') throw new EsError('x_content_parse', `[1:2] [${REQUEST}] unknown field [${k}]`);
  const labels = objectField('labels', o.labels);
  const data = objectField('data', o.data);
  const problems = validate([...new Set([...Object.keys(labels), ...Object.keys(data)])]);
  if (ifSeqNo !== undefined && ifPrimaryTerm === undefined) problems.push('ifSeqNo is set, but primary term is [0]');
  if (ifSeqNo === undefined && ifPrimaryTerm !== undefined) problems.push(`ifSeqNo is unassigned, but primary term is [${ifPrimaryTerm}]`);
  if (problems.length) throw validationError(problems);
  const version = ifSeqNo !== undefined && ifPrimaryTerm !== undefined ? { seqNo: ifSeqNo, primaryTerm: ifPrimaryTerm } : undefined;
  await ctx.services.profiles.updateData(ctx.params.uid, labels, data, version);
  return ok({ acknowledged: true });
};

function objectField(name: string, v: unknown): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new EsError('x_content_parse', `[1:2] [${REQUEST}] ${name} doesn't support values of type: ${tokenName(v)}`);
  return v as Record<string, unknown>;
}

/** ES's UpdateProfileDataRequest.validate: some application, none with a dot or a leading underscore. */
function validate(names: string[]): string[] {
  const problems: string[] = [];
  if (names.length === 0) problems.push('update request is empty');
  const dotted = names.filter((n) => n.includes('.'));
  if (dotted.length) problems.push(`application name must not contain dot, but found [${dotted.join(',')}]`);
  const underscored = names.filter((n) => n.startsWith('_'));
  if (underscored.length) problems.push(`application name must not start with underscore, but found [${underscored.join(',')}]`);
  return problems;
}
