/**
 * The Elasticsearch version the gateway implements (`portcullis.elasticsearch.version`) and the build fields
 * ES writes with it in `GET /` (`version.*`) and `GET /_xpack` (`build`).
 */
export interface EsBuild {
  readonly number: string;
  readonly build_flavor: 'default';
  readonly build_type: string;
  readonly build_hash: string;
  readonly build_date: string;
  readonly build_snapshot: false;
  readonly lucene_version: string;
  readonly minimum_wire_compatibility_version: string;
  readonly minimum_index_compatibility_version: string;
}

export const DEFAULT_ES_VERSION = '9.1.5';

/** Builds whose fields are known, read from the released distribution (its jar manifest and `GET /`). */
const KNOWN: Readonly<Record<string, Omit<EsBuild, 'number' | 'build_flavor' | 'build_snapshot' | 'build_type' | 'minimum_wire_compatibility_version' | 'minimum_index_compatibility_version'>>> = {
  '9.1.5': { build_hash: '90ee222e7e0136dd8ddbb34015538f3a00c129b7', build_date: '2025-10-02T22:07:12.966975992Z', lucene_version: '10.2.2' },
};

/** ES's compatibility floors: a major talks to the last minor of the previous major and reads its indices. */
const FLOORS: Readonly<Record<string, { wire: string; index: string }>> = {
  '8': { wire: '7.17.0', index: '7.0.0' },
  '9': { wire: '8.19.0', index: '8.0.0' },
};

/** `major.minor.patch` with a major the gateway speaks (8 or 9); a reason otherwise (for the settings check). */
export function checkEsVersion(v: unknown): string | null {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(String(v));
  if (!m) return 'must be a version such as 9.1.5';
  return Object.hasOwn(FLOORS, m[1]) ? null : `must be an Elasticsearch ${Object.keys(FLOORS).join(' or ')}.x version`;
}

/** The build of a version: its real fields when known, ES's `unknown` (what ES writes without build info) otherwise. */
export function esBuild(number: string): EsBuild {
  const known = KNOWN[number];
  const floors = FLOORS[number.split('.')[0]] ?? FLOORS['9'];
  return {
    number,
    build_flavor: 'default',
    build_type: 'tar',
    build_hash: known?.build_hash ?? 'unknown',
    build_date: known?.build_date ?? 'unknown',
    build_snapshot: false,
    lucene_version: known?.lucene_version ?? 'unknown',
    minimum_wire_compatibility_version: floors.wire,
    minimum_index_compatibility_version: floors.index,
  };
}

/** ES's tagline in `GET /`. */
export const TAGLINE = 'You Know, for Search';
