import type { Authentication } from '../core/authentication.ts';

/**
 * What a subject may do, compiled from its role descriptors (for an API key: the intersection of the key's
 * own descriptors and its `limited_by`). Built by the privilege model; used by the served-action engine and
 * by forward authorization. Checks are pure and must be cheap (called per request, per index).
 */
export interface Permission {
  /** Whether the cluster action (ES action name, e.g. `cluster:monitor/health`) is allowed. */
  cluster(action: string): boolean;
  /**
   * Whether the index action (e.g. `indices:data/read/search`) is allowed on the concrete name (index, alias or
   * data stream). `restricted` marks restricted/system names (`.security*` …), which only privileges with
   * `allow_restricted_indices: true` grant.
   */
  index(action: string, name: string, restricted: boolean): boolean;
  /** Whether the subject may run as `username`. */
  runAs(username: string): boolean;
  /** Whether field- or document-level security applies to `name` for `action` (forward authorization refuses these until enforced). */
  restrictsDocumentsOrFields(action: string, name: string): boolean;
  /**
   * Whether every one of `actions` is granted on every name an index could have, hidden ones included, without
   * field or document level security (a role pattern `*`, as the superuser's). Restricted (system) names are not
   * required: ES's superuser does not hold writes on them either (a documented deviation: a script of such a caller
   * may write a restricted index, which ES would refuse item by item). What a write that a script or ingest
   * pipeline may send anywhere needs. Absent: never.
   */
  coversEveryIndex?(actions: readonly string[]): boolean;
  /** Role names for messages: ES's "effective roles". */
  readonly roleNames: readonly string[];
}

export interface PermissionSource {
  permissionFor(auth: Authentication): Promise<Permission>;
}
