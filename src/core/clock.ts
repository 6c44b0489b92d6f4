/** Time is passed in, so expiry and skew are testable exactly. */
export interface Clock {
  now(): number; // epoch milliseconds
}
export const systemClock: Clock = { now: () => Date.now() };
