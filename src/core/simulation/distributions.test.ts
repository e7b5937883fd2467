import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random/mulberry32.js';
import {
  chance, exponential, logNormal, logNormalCv, pickOne, pickWeighted, poissonGapMs, standardNormal, streamRand, streamSeed, uniform,
} from './distributions.js';

const N = 200_000;
const sample = (f: () => number, n = N) => Array.from({ length: n }, f);
const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const varOf = (xs: number[]) => {
  const m = meanOf(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
};

describe('distributions', () => {
  it('exponential: sample mean and standard deviation equal the mean (±1.5 %)', () => {
    const rand = mulberry32(1);
    const xs = sample(() => exponential(rand, 45));
    expect(meanOf(xs)).toBeGreaterThan(45 * 0.985);
    expect(meanOf(xs)).toBeLessThan(45 * 1.015);
    expect(Math.sqrt(varOf(xs))).toBeGreaterThan(45 * 0.97);
    expect(Math.sqrt(varOf(xs))).toBeLessThan(45 * 1.03);
    expect(xs.every((x) => x >= 0)).toBe(true);
    expect(xs.every(Number.isFinite)).toBe(true);
  });

  it('log-normal with a given MEAN: sample mean (±1.5 %), CV and log-sd match the shape', () => {
    const rand = mulberry32(7);
    for (const [mean, sigma] of [[180, 0.5], [60, 0.8], [15, 0.3]] as const) {
      const xs = sample(() => logNormal(rand, mean, sigma));
      expect(meanOf(xs) / mean).toBeGreaterThan(0.985);
      expect(meanOf(xs) / mean).toBeLessThan(1.015);
      const cv = Math.sqrt(varOf(xs)) / meanOf(xs);
      expect(cv / logNormalCv(sigma)).toBeGreaterThan(0.93);
      expect(cv / logNormalCv(sigma)).toBeLessThan(1.07);
      const logs = xs.map(Math.log);
      expect(Math.sqrt(varOf(logs))).toBeCloseTo(sigma, 1);
      // median = exp(μ) = mean · e^{−σ²/2}
      const sorted = [...xs].sort((a, b) => a - b);
      expect(sorted[Math.floor(xs.length / 2)]! / (mean * Math.exp((-sigma * sigma) / 2))).toBeCloseTo(1, 1);
      expect(xs.every((x) => x > 0)).toBe(true);
    }
    expect(logNormal(rand, 30, 0)).toBeCloseTo(30, 10);
  });

  it('standard normal: mean 0, variance 1', () => {
    const rand = mulberry32(3);
    const xs = sample(() => standardNormal(rand));
    expect(Math.abs(meanOf(xs))).toBeLessThan(0.01);
    expect(varOf(xs)).toBeGreaterThan(0.98);
    expect(varOf(xs)).toBeLessThan(1.02);
  });

  it('Poisson arrivals: counts per minute have mean ≈ variance ≈ rate', () => {
    const rand = mulberry32(11);
    const rate = 12; // per minute
    const minutes = 20_000;
    const counts = new Array<number>(minutes).fill(0);
    let t = 0;
    for (;;) {
      t += poissonGapMs(rand, rate);
      const m = Math.floor(t / 60_000);
      if (m >= minutes) break;
      counts[m]!++;
    }
    expect(meanOf(counts)).toBeGreaterThan(rate * 0.985);
    expect(meanOf(counts)).toBeLessThan(rate * 1.015);
    expect(varOf(counts) / rate).toBeGreaterThan(0.95);
    expect(varOf(counts) / rate).toBeLessThan(1.05);
    expect(poissonGapMs(rand, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('is deterministic per seed and per stream, and streams differ', () => {
    const ra = streamRand(9, 'x');
    const rb = streamRand(9, 'x');
    const a = sample(() => exponential(ra, 10), 5);
    expect(sample(() => exponential(rb, 10), 5)).toEqual(a);
    const x = streamRand(42, 'arrivals');
    const y = streamRand(42, 'arrivals');
    const z = streamRand(42, 'patience');
    const w = streamRand(43, 'arrivals');
    const xs = sample(x, 10);
    expect(sample(y, 10)).toEqual(xs);
    expect(sample(z, 10)).not.toEqual(xs);
    expect(sample(w, 10)).not.toEqual(xs);
    expect(streamSeed(42, 'agent:1')).not.toBe(streamSeed(42, 'agent:2'));
  });

  it('pickWeighted follows the weights; pickOne and uniform stay in range', () => {
    const rand = mulberry32(5);
    const tally = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < N; i++) tally[pickWeighted(rand, [['a', 1], ['b', 3], ['c', 0]] as const)]++;
    expect(tally.c).toBe(0);
    expect(tally.b / N).toBeGreaterThan(0.74);
    expect(tally.b / N).toBeLessThan(0.76);
    expect(() => pickWeighted(rand, [['a', 0]])).toThrow();
    expect(() => pickOne(rand, [])).toThrow();
    const u = sample(() => uniform(rand, 0.2, 1), 10_000);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0.2);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(meanOf(u)).toBeCloseTo(0.6, 2);
    const heads = sample(() => (chance(rand, 0.3) ? 1 : 0), 50_000);
    expect(meanOf(heads)).toBeCloseTo(0.3, 2);
  });
});

