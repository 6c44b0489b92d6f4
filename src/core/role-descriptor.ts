/**
 * A role descriptor exactly as Elasticsearch's JSON writes it (snake_case), so it passes through the
 * roles API, API keys' `role_descriptors` and `limited_by`, and `roles.yml` unchanged.
 */
export interface IndicesPrivileges {
  readonly names: readonly string[];
  readonly privileges: readonly string[];
  readonly field_security?: { readonly grant?: readonly string[]; readonly except?: readonly string[] };
  /** A query (JSON object or its string form) for document-level security. */
  readonly query?: string | Readonly<Record<string, unknown>>;
  readonly allow_restricted_indices?: boolean;
}

export interface ApplicationPrivileges {
  readonly application: string;
  readonly privileges: readonly string[];
  readonly resources: readonly string[];
}

export interface RoleDescriptor {
  readonly cluster?: readonly string[];
  readonly indices?: readonly IndicesPrivileges[];
  readonly applications?: readonly ApplicationPrivileges[];
  readonly run_as?: readonly string[];
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly transient_metadata?: Readonly<Record<string, unknown>>;
  readonly global?: Readonly<Record<string, unknown>>;
  readonly remote_indices?: readonly unknown[];
  readonly remote_cluster?: readonly unknown[];
  readonly restriction?: Readonly<Record<string, unknown>>;
  readonly description?: string;
}

/** Named role descriptors, as API keys hold them (`role_descriptors`, `limited_by` entries). */
export type RoleDescriptors = Readonly<Record<string, RoleDescriptor>>;
