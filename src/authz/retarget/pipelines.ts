/**
 * Ingest pipeline definitions as the retarget check needs them: fetched from the upstream by id, kept for a
 * short time (a definition changed upstream is seen within `ttlMs`), and classified (a `pipeline` processor's
 * pipeline is followed).
 */
import type { Clock } from '../../core/clock.ts';
import { systemClock } from '../../core/clock.ts';
import { classifyPipeline } from './pipeline-classifier.ts';

/** The definition of a pipeline, or null when the upstream has none by that id. */
export type PipelineFetch = (id: string) => Promise<unknown | null>;

const MAX_ENTRIES = 1024;
const MAX_FOLLOWED = 32;

export class PipelineSource {
  readonly #fetch: PipelineFetch;
  readonly #ttl: number;
  readonly #clock: Clock;
  readonly #kept = new Map<string, { at: number; why: Promise<string | null> }>();

  constructor(fetch: PipelineFetch, opts: { ttlMs?: number; clock?: Clock } = {}) {
    this.#fetch = fetch;
    this.#ttl = opts.ttlMs ?? 1_000;
    this.#clock = opts.clock ?? systemClock;
  }

  /** Why the pipeline (and those it calls) may send a document to another index, or null when it cannot. */
  mayRetarget(id: string): Promise<string | null> {
    const now = this.#clock.now();
    const hit = this.#kept.get(id);
    if (hit && now - hit.at < this.#ttl) return hit.why;
    const why = this.#classify(id, new Set()).catch(() => `the pipeline [${id}] could not be read from the cluster`);
    if (this.#kept.size >= MAX_ENTRIES) this.#kept.clear();
    this.#kept.set(id, { at: now, why });
    return why;
  }

  /** Forget every definition (a pipeline was changed through the gateway). */
  invalidate(): void {
    this.#kept.clear();
  }

  async #classify(id: string, seen: Set<string>): Promise<string | null> {
    if (id.includes('*') || id.includes(',') || id.includes('{{')) return `the pipeline [${id}] is not a single pipeline id`;
    if (seen.has(id)) return null;
    if (seen.size >= MAX_FOLLOWED) return 'too many pipelines call each other to check';
    seen.add(id);
    const definition = await this.#fetch(id);
    if (definition === null) return `the pipeline [${id}] does not exist, so what it would do cannot be checked`;
    const verdict = classifyPipeline(definition);
    if (verdict.retargets) return `the pipeline [${id}] may change the target index: ${verdict.why}`;
    for (const next of verdict.calls) {
      const why = await this.#classify(next, seen);
      if (why) return why;
    }
    return null;
  }
}
