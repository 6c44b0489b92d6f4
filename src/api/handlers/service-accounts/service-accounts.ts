import { EsError } from '../../../core/errors.ts';
import { splitList } from '../../body.ts';
import { ok, type Handler } from '../../types.ts';
import { SERVICE_ACCOUNTS, isServiceAccount } from '../../../authc/service-accounts/accounts.ts';

/** GET /_security/service[/{namespace}[/{service}]] */
export const getServiceAccounts: Handler = async (ctx) => {
  const { namespace, service } = ctx.params;
  const out: Record<string, unknown> = {};
  for (const [principal, descriptor] of Object.entries(SERVICE_ACCOUNTS)) {
    const [ns, svc] = principal.split('/');
    if ((namespace === undefined || namespace === ns) && (service === undefined || service === svc)) out[principal] = { role_descriptor: descriptor };
  }
  return ok(out);
};

function account(ctx: { params: Readonly<Record<string, string>> }): string {
  const principal = `${ctx.params.namespace}/${ctx.params.service}`;
  if (!isServiceAccount(principal)) throw new EsError('illegal_argument', `service account [${principal}] does not exist`);
  return principal;
}

/** POST|PUT /_security/service/{ns}/{svc}/credential/token[/{name}] */
export const createServiceToken: Handler = async (ctx) => {
  const principal = account(ctx);
  const token = await ctx.services.serviceAccounts.createToken(principal, ctx.params.name, ctx.authentication.user.username);
  return ok({ created: true, token: { name: token.name, value: token.value.reveal() } });
};

/** DELETE /_security/service/{ns}/{svc}/credential/token/{name} */
export const deleteServiceToken: Handler = async (ctx) => {
  const found = await ctx.services.serviceAccounts.deleteToken(account(ctx), ctx.params.name);
  return { status: found ? 200 : 404, body: { found } };
};

/** GET /_security/service/{ns}/{svc}/credential */
export const getServiceCredentials: Handler = async (ctx) => {
  const principal = account(ctx);
  const { stored, file } = await ctx.services.serviceAccounts.listTokens(principal);
  const { name: nodeName } = ctx.services.node;
  return ok({
    service_account: principal,
    count: stored.length + file.length,
    tokens: Object.fromEntries(stored.map((n) => [n, {}])),
    nodes_credentials: {
      _nodes: { total: 1, successful: 1, failed: 0 },
      file_tokens: Object.fromEntries(file.map((n) => [n, { nodes: [nodeName] }])),
    },
  });
};

/** POST /_security/service/{ns}/{svc}/credential/token/{names}/_clear_cache */
export const clearServiceTokenCache: Handler = async (ctx) => {
  const principal = `${ctx.params.namespace}/${ctx.params.service}`;
  const names = splitList(ctx.params.names);
  ctx.services.serviceAccounts.clearCache(principal, names.includes('*') || names.includes('_all') ? undefined : names);
  const { id, name, clusterName } = ctx.services.node;
  return ok({ _nodes: { total: 1, successful: 1, failed: 0 }, cluster_name: clusterName, nodes: { [id]: { name } } });
};
