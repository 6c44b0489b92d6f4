import type { Route } from './routes.ts';
import { EsError, validationError } from '../core/errors.ts';
import { mainContext, mainInfo } from './handlers/es-face/main-info.ts';
import { xpackInfo, xpackInfoContext } from './handlers/es-face/xpack-info.ts';
import { xpackUsage, xpackUsageContext } from './handlers/es-face/xpack-usage.ts';
import { GET_LICENSE_PARAMS, basicStatus, featureUsage, getLicense, licenseParams, licenseWrite, trialStatus } from './handlers/es-face/license.ts';

const LICENSE = 'cluster:admin/xpack/license';
/** ES registers HEAD explicitly for `/` and `/_xpack` only (its 405s list it there); GET routes serve HEAD anyway. */
const READ = ['GET', 'HEAD'];
const GET = ['GET'];

/** `PUT /_license` without a body: ES refuses it before authorizing the request. */
const putLicenseContext = licenseParams('/_license', ['acknowledge', 'master_timeout', 'timeout']);
const putLicense = async (ctx: Parameters<typeof putLicenseContext>[0]) => {
  const context = await putLicenseContext(ctx);
  if ((await ctx.body()) === undefined) throw new EsError('illegal_argument', 'The license must be provided in the request body');
  return context;
};

/** `DELETE /`: ES reads it as an index deletion naming no index, refused by validation before authorization. */
const noIndex = async (): Promise<never> => {
  throw validationError(['index / indices is missing']);
};

/**
 * The Elasticsearch face, served whatever the upstream: `GET /`, `_xpack`, `_xpack/usage` and `_license`
 * (see docs/es-face.md). Licence writes are authorized, then refused; none of these is forwarded.
 */
export const FACE_ROUTES: readonly Route[] = [
  { methods: READ, path: '/', action: 'cluster:monitor/main', handler: mainInfo, context: mainContext },
  { methods: ['DELETE'], path: '/', action: 'indices:admin/delete', handler: noIndex, context: noIndex },
  { methods: READ, path: '/_xpack', action: 'cluster:monitor/xpack/info', handler: xpackInfo, context: xpackInfoContext },
  { methods: GET, path: '/_xpack/usage', action: 'cluster:monitor/xpack/usage', handler: xpackUsage, context: xpackUsageContext },
  { methods: GET, path: '/_license', action: 'cluster:monitor/xpack/license/get', handler: getLicense, context: GET_LICENSE_PARAMS },
  { methods: ['PUT', 'POST'], path: '/_license', action: `${LICENSE}/put`, handler: licenseWrite, context: putLicense },
  { methods: ['DELETE'], path: '/_license', action: `${LICENSE}/delete`, handler: licenseWrite, context: licenseParams('/_license', ['master_timeout', 'timeout']) },
  { methods: GET, path: '/_license/basic_status', action: `${LICENSE}/basic_status`, handler: basicStatus, context: licenseParams('/_license/basic_status', ['master_timeout']) },
  { methods: GET, path: '/_license/trial_status', action: `${LICENSE}/trial_status`, handler: trialStatus, context: licenseParams('/_license/trial_status', ['master_timeout']) },
  { methods: GET, path: '/_license/feature_usage', action: `${LICENSE}/feature_usage`, handler: featureUsage, context: licenseParams('/_license/feature_usage', []) },
  {
    methods: ['POST'],
    path: '/_license/start_basic',
    action: `${LICENSE}/start_basic`,
    handler: licenseWrite,
    context: licenseParams('/_license/start_basic', ['acknowledge', 'master_timeout', 'timeout']),
  },
  {
    methods: ['POST'],
    path: '/_license/start_trial',
    action: `${LICENSE}/start_trial`,
    handler: licenseWrite,
    context: licenseParams('/_license/start_trial', ['type', 'acknowledge', 'master_timeout']),
  },
];
