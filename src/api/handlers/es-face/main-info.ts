import { ok, type Handler } from '../../types.ts';
import type { ActionContext } from '../../../authz/authorizer.ts';
import type { HandlerContext } from '../../types.ts';
import { esBuild, TAGLINE } from '../../../core/es-build.ts';
import { checkParams } from './query.ts';

/** `GET /` takes no parameters of its own; ES refuses others before it authorizes the request. */
export const mainContext = async (ctx: HandlerContext): Promise<ActionContext> => {
  checkParams('/', ctx.query, []);
  return {};
};

/**
 * GET / (and HEAD /), authorized as `cluster:monitor/main`. An Elasticsearch upstream answers for itself; for
 * any other (OpenSearch) the gateway answers as ES 9 does, with the upstream's node and cluster identity and
 * the version the gateway implements (`portcullis.elasticsearch.version`): the official clients check
 * `version.build_flavor` and the tagline, Kibana, Beats and Logstash the version number.
 */
export const mainInfo: Handler = async ({ services }) => {
  const up = await services.face.upstreamMain();
  if (up.isElasticsearch) return ok(up.body);
  return ok({ name: up.name, cluster_name: up.clusterName, cluster_uuid: up.clusterUuid, version: esBuild(services.face.version), tagline: TAGLINE });
};
