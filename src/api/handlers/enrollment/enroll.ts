import { X509Certificate } from 'node:crypto';
import { EsError } from '../../../core/errors.ts';
import { ok, type Handler, type HandlerContext } from '../../types.ts';
import type { ActionContext } from '../../../authz/authorizer.ts';

/** What the enroll endpoints need: whether enrollment is on, and the gateway's own HTTP CA (null when TLS is off or not generated here). */
export interface EnrollmentServices {
  readonly enabled: boolean;
  readonly httpCaPem: string | null;
}

const COMMON = new Set(['pretty', 'human', 'error_trace', 'filter_path']);

/**
 * Runs before authorization, in ES's order: enrollment switched off is a 403 whoever asks, then unknown
 * query parameters are a 400 (ES's REST layer), then the action is authorized.
 */
export async function enrollPreconditions(ctx: HandlerContext): Promise<ActionContext> {
  if (!ctx.services.enrollment?.enabled) {
    throw new EsError('forbidden', 'Enrollment mode is not enabled. Set [xpack.security.enrollment.enabled] to true, in order to use this API.');
  }
  const unknown = [...new Set(ctx.query.keys())].filter((k) => !COMMON.has(k));
  if (unknown.length > 0) {
    const path = ctx.request.path;
    throw new EsError('illegal_argument', `request [${path}] contains unrecognized parameter${unknown.length > 1 ? 's' : ''}: ${unknown.map((n) => `[${n}]`).join(', ')}`);
  }
  return {};
}

/**
 * GET /_security/enroll/kibana: a new token of the `elastic/kibana` service account, named
 * `enroll-process-token-<epoch ms>`, and the HTTP CA certificate (base64 DER) Kibana should trust.
 */
export const enrollKibana: Handler = async (ctx) => {
  const caPem = ctx.services.enrollment?.httpCaPem ?? null;
  if (caPem === null) {
    throw new EsError('internal', 'Unable to enroll kibana instance. Elasticsearch node HTTP layer SSL configuration is not configured with a keystore');
  }
  const httpCa = new X509Certificate(caPem).raw.toString('base64');
  let token: { name: string; value: { reveal(): string } };
  try {
    token = await ctx.services.serviceAccounts.createToken('elastic/kibana', `enroll-process-token-${Date.now()}`, ctx.authentication.user.username);
  } catch (e) {
    throw new EsError('internal', 'Failed to create token for the [elastic/kibana] service account', { cause: e });
  }
  return ok({ token: { name: token.name, value: token.value.reveal() }, http_ca: httpCa });
};

/**
 * GET /_security/enroll/node: a node joins a cluster through its transport layer, which the gateway does not
 * have; ES answers this when its transport TLS is not set up with a keystore, and so does the gateway.
 */
export const enrollNode: Handler = async () => {
  throw new EsError('illegal_state', 'Unable to enroll node. Elasticsearch node transport layer SSL configuration is not configured with a keystore');
};
