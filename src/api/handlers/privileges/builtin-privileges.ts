import { ok, type Handler } from '../../types.ts';
import { CLUSTER_PRIVILEGE_NAMES } from '../../../authz/privileges/cluster-privileges.ts';
import { INDEX_PRIVILEGE_NAMES } from '../../../authz/privileges/index-privileges.ts';
import { REMOTE_CLUSTER_PRIVILEGES } from '../../../authz/roles/role-descriptor-validator.ts';

/** GET /_security/privilege/_builtin — the named cluster, index and remote cluster privileges, sorted. */
export const getBuiltinPrivileges: Handler = async () =>
  ok({ cluster: [...CLUSTER_PRIVILEGE_NAMES].sort(), index: [...INDEX_PRIVILEGE_NAMES].sort(), remote_cluster: [...REMOTE_CLUSTER_PRIVILEGES].sort() });
