/**
 * Long loops cut into slices so one request never holds the event loop for more than a few milliseconds: a
 * step function yields between work units; `runSliced` gives the event loop a turn whenever a slice has used
 * its budget, `runSync` runs the same steps at once (for callers that cannot wait).
 */

/** Work written as a generator that yields (nothing) at points where it may be paused. */
export type Steps<T> = Generator<void, T, void>;

const DEFAULT_BUDGET_MS = 2;

export function runSync<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export async function runSliced<T>(steps: Steps<T>, budgetMs = DEFAULT_BUDGET_MS): Promise<T> {
  const slice = new Slice(budgetMs);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await slice.tick();
  }
}

/** A time budget for the current slice: `tick()` resolves at once while it lasts, after a turn of the event loop when spent. */
export class Slice {
  readonly #budget: number;
  #start = performance.now();

  constructor(budgetMs = DEFAULT_BUDGET_MS) {
    this.#budget = budgetMs;
  }

  /** Whether the slice has used its budget (cheap enough to call every few hundred items). */
  get spent(): boolean {
    return performance.now() - this.#start >= this.#budget;
  }

  async tick(): Promise<void> {
    if (!this.spent) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#start = performance.now();
  }
}
