import type { FaceServices } from '../../services.ts';

/**
 * The gateway's licence, as ES writes a licence. The gateway provides its security features without an
 * Elasticsearch licence; it reports `gold`, the tier whose security features it provides (realms, audit,
 * token service, API keys) without field- and document-level security (platinum), which it does not enforce.
 */
export const LICENSE_TYPE = 'gold';
/** A licence that never expires: ES's own "no expiry" instant (9999-12-31T23:59:59.999Z). */
export const NEVER_EXPIRES = 253402300799999;
const MAX_NODES = 1000;

/** `_xpack`'s `license`: uid, type, mode, status, expiry (the date as text with `human=true`, as ES). */
export function xpackLicense(face: FaceServices, human: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { uid: face.license.uid, type: LICENSE_TYPE, mode: LICENSE_TYPE, status: 'active' };
  if (human) out.expiry_date = new Date(NEVER_EXPIRES).toISOString();
  out.expiry_date_in_millis = NEVER_EXPIRES;
  return out;
}

/** `GET /_license`'s `license`, field for field as ES 9.1.5 writes it (dates always as text too). */
export function fullLicense(face: FaceServices, issuedTo: string): Record<string, unknown> {
  const issued = face.license.issueDateMillis;
  return {
    status: 'active',
    uid: face.license.uid,
    type: LICENSE_TYPE,
    issue_date: new Date(issued).toISOString(),
    issue_date_in_millis: issued,
    expiry_date: new Date(NEVER_EXPIRES).toISOString(),
    expiry_date_in_millis: NEVER_EXPIRES,
    max_nodes: MAX_NODES,
    max_resource_units: null,
    issued_to: issuedTo,
    issuer: 'portcullis',
    start_date_in_millis: -1,
  };
}
