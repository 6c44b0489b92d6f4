import { EsError } from '../../../core/errors.ts';
import type { ActionContext } from '../../../authz/authorizer.ts';
import { ok, type Handler, type HandlerContext } from '../../types.ts';
import { fullLicense } from './license-body.ts';
import { checkAcceptEnterprise, checkParams } from './query.ts';

/** Checks a licence endpoint's parameters before the request is authorized, as ES's REST layer does. */
export const licenseParams =
  (path: string, accepted: readonly string[], more: (q: URLSearchParams) => void = () => {}) =>
  async (ctx: HandlerContext): Promise<ActionContext> => {
    checkParams(path, ctx.query, accepted);
    more(ctx.query);
    return {};
  };

/** GET /_license (`cluster:monitor/xpack/license/get`): the gateway's licence, issued to the upstream cluster's name. */
export const getLicense: Handler = async ({ services }) => {
  const up = await services.face.upstreamMain();
  return ok({ license: fullLicense(services.face, up.clusterName) });
};

/** GET /_license/basic_status: the gateway's licence cannot be changed, so nothing can be started. */
export const basicStatus: Handler = async () => ok({ eligible_to_start_basic: false });

/** GET /_license/trial_status */
export const trialStatus: Handler = async () => ok({ eligible_to_start_trial: false });

/** GET /_license/feature_usage: the gateway tracks no licensed feature's use. */
export const featureUsage: Handler = async () => ok({ features: [] });

/**
 * Licence writes (put, delete, start basic, start trial): authorized as ES authorizes them, then refused —
 * the gateway's licence is its own and is never forwarded to the cluster.
 */
export const licenseWrite: Handler = async ({ request }) => {
  throw new EsError(
    'illegal_argument',
    `[${request.method} ${request.path}] is not supported by the gateway: its licence is its own (see GET /_license) and cannot be changed; licence requests are never forwarded to the cluster`,
  );
};

export const GET_LICENSE_PARAMS = licenseParams('/_license', ['local', 'accept_enterprise', 'master_timeout'], checkAcceptEnterprise);
