/**
 * The differential test's vocabulary: a step is one request, sent alike to the reference Elasticsearch and
 * to the gateway; `{{name}}` placeholders in its path, headers and body are filled from what earlier steps
 * saved on the same side (ids, secrets and tokens differ between the two).
 */
export type Actor =
  | 'admin'
  | 'elastic'
  | 'none'
  | { readonly basic: readonly [string, string] }
  /** `ApiKey <the saved encoded value>` */
  | { readonly apiKey: string }
  /** `Bearer <the saved token>` */
  | { readonly bearer: string }
  /** A literal Authorization header (placeholders allowed). */
  | { readonly header: string };

export interface Step {
  /** Unique; docs/differences.md names differences by it. */
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly as?: Actor;
  readonly body?: unknown;
  /** Raw body text, sent as is (for malformed JSON). */
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** name → dotted path in the answer's body: saved per side for later placeholders. */
  readonly save?: Readonly<Record<string, string>>;
  /** Sort the arrays at these dotted paths (by their normalised JSON) before comparing: their order is not defined. */
  readonly unordered?: readonly string[];
}

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export interface StepResult {
  readonly step: Step;
  readonly reference: Answer;
  readonly gateway: Answer;
  /** Differences (`path: reference ≠ gateway`), empty when identical. */
  readonly differences: readonly string[];
}
