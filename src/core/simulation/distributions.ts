import { mulberry32 } from '../random/mulberry32.js';

/**
 * Random variates for the contact simulator. Pure: every function takes the uniform source
 * (`Rand`, e.g. mulberry32) it draws from, so a seed reproduces every sample.
 */

/** A uniform source on [0, 1). */
export type Rand = () => number;

/**
 * A seed for one named stream of a run (`arrivals`, `agent:3` …): each purpose draws from its own
 * generator, so adding an agent or a contact does not shift the samples of the others.
 * FNV-1a over the name, mixed with the run seed (murmur3 finalizer).
 */
export function streamSeed(seed: number, stream: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < stream.length; i++) {
    h ^= stream.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The generator of one named stream of a run. */
export const streamRand = (seed: number, stream: string): Rand => mulberry32(streamSeed(seed, stream));

/** Uniform on [min, max). */
export const uniform = (rand: Rand, min: number, max: number): number => min + (max - min) * rand();

/** Exponential with the given mean (inverse transform; 1 − u keeps the log finite). */
export function exponential(rand: Rand, mean: number): number {
  if (!(mean > 0)) return 0;
  return -mean * Math.log(1 - rand());
}

/** Standard normal (Box–Muller; two uniforms per variate, no cached pair, so streams stay simple). */
export function standardNormal(rand: Rand): number {
  const u1 = 1 - rand(); // (0, 1]
  const u2 = rand();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Log-normal with the given MEAN (not median) and shape σ (the standard deviation of its log):
 * μ = ln(mean) − σ²/2, so E[X] = mean. σ = 0.5 gives a coefficient of variation of about 0.53,
 * typical of handle times; σ = 0 is the constant `mean`.
 */
export function logNormal(rand: Rand, mean: number, sigma: number): number {
  if (!(mean > 0)) return 0;
  const mu = Math.log(mean) - (sigma * sigma) / 2;
  return Math.exp(mu + sigma * standardNormal(rand));
}

/** Coefficient of variation of a log-normal of shape σ: √(e^{σ²} − 1). */
export const logNormalCv = (sigma: number) => Math.sqrt(Math.expm1(sigma * sigma));

/** The gap to the next arrival of a Poisson process of `ratePerMinute`, in ms (Infinity at rate 0). */
export function poissonGapMs(rand: Rand, ratePerMinute: number): number {
  if (!(ratePerMinute > 0)) return Number.POSITIVE_INFINITY;
  return exponential(rand, 60_000 / ratePerMinute);
}

/** One item, each equally likely. */
export function pickOne<T>(rand: Rand, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pickOne: no items');
  return items[Math.min(items.length - 1, Math.floor(rand() * items.length))]!;
}

/** One item with probability proportional to its weight (weights ≥ 0, at least one > 0). */
export function pickWeighted<T>(rand: Rand, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + Math.max(0, w), 0);
  if (!(total > 0)) throw new Error('pickWeighted: no positive weight');
  let x = rand() * total;
  for (const [item, w] of items) {
    x -= Math.max(0, w);
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** True with probability p. */
export const chance = (rand: Rand, p: number): boolean => rand() < p;
