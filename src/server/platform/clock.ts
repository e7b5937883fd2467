/** Injected so tests can pin time. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
