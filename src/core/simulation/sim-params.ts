/**
 * The simulator's knobs, their defaults and their validation (pure). The CLI, the light in-process
 * simulation and the tests all build `SimParams` here, so a bad value is refused the same way
 * everywhere, with every problem listed at once.
 */

export const SIM_CHANNELS = ['voice', 'chat'] as const;
export type SimChannel = (typeof SIM_CHANNELS)[number];

export interface SimParams {
  /** Contacts per minute over all simulated tenants (Poisson arrivals). */
  readonly ratePerMinute: number;
  /** Simulated agents. */
  readonly agents: number;
  /** Seconds of arrivals; 0 = until stopped. */
  readonly durationSec: number;
  /** Mean talk / chat time (log-normal). */
  readonly handleMeanSec: number;
  /** Shape σ of the log-normal handle time (0 = constant). */
  readonly handleSigma: number;
  /** Mean after-contact work (後処理, log-normal with the same σ). */
  readonly acwMeanSec: number;
  /** Mean patience of a waiting customer (exponential); 0 = nobody hangs up. */
  readonly patienceMeanSec: number;
  /** Agents pick up an offer after uniform [min, max] seconds (0, 0 = at once). */
  readonly answerDelaySec: readonly [number, number];
  /** Share of contacts from a known demo customer (their phone, e-mail or a serial), the rest unknown. */
  readonly knownCustomerShare: number;
  readonly seed: number;
  readonly channels: readonly SimChannel[];
}

export const DEFAULT_SIM_PARAMS: SimParams = {
  ratePerMinute: 5,
  agents: 8,
  durationSec: 0,
  handleMeanSec: 60,
  handleSigma: 0.5,
  acwMeanSec: 15,
  patienceMeanSec: 45,
  answerDelaySec: [0.5, 3],
  knownCustomerShare: 0.6,
  seed: 42,
  channels: ['voice'],
};

/** Upper bounds that keep a typo (`--rate 60000`) from flooding a demo server. */
export const SIM_LIMITS = { ratePerMinute: 60_000, agents: 999, durationSec: 7 * 86_400, meanSec: 86_400 } as const;

export type SimParamsInput = { readonly [K in keyof SimParams]?: SimParams[K] | string };

export class SimParamsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid simulation options:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Merges `input` (numbers, or the raw strings of a command line) over the defaults and checks
 * every field. Throws SimParamsError listing every problem.
 */
export function resolveSimParams(input: SimParamsInput = {}): SimParams {
  const problems: string[] = [];
  const num = (key: keyof SimParams, opts: { min: number; max: number; integer?: boolean; minExclusive?: boolean }): number => {
    const raw = input[key];
    const fallback = DEFAULT_SIM_PARAMS[key] as number;
    if (raw === undefined) return fallback;
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim().replaceAll('_', '')) : Number.NaN;
    const label = `--${kebab(key)}`;
    if (!Number.isFinite(n)) problems.push(`${label} must be a number, got "${String(raw)}"`);
    else if (opts.integer && !Number.isInteger(n)) problems.push(`${label} must be a whole number, got ${n}`);
    else if (opts.minExclusive ? n <= opts.min : n < opts.min) problems.push(`${label} must be ${opts.minExclusive ? 'more than' : 'at least'} ${opts.min}, got ${n}`);
    else if (n > opts.max) problems.push(`${label} must be at most ${opts.max}, got ${n}`);
    else return n;
    return fallback;
  };

  const ratePerMinute = num('ratePerMinute', { min: 0, max: SIM_LIMITS.ratePerMinute });
  const agents = num('agents', { min: 1, max: SIM_LIMITS.agents, integer: true });
  const durationSec = num('durationSec', { min: 0, max: SIM_LIMITS.durationSec });
  const handleMeanSec = num('handleMeanSec', { min: 0, max: SIM_LIMITS.meanSec, minExclusive: true });
  const handleSigma = num('handleSigma', { min: 0, max: 3 });
  const acwMeanSec = num('acwMeanSec', { min: 0, max: SIM_LIMITS.meanSec });
  const patienceMeanSec = num('patienceMeanSec', { min: 0, max: SIM_LIMITS.meanSec });
  const knownCustomerShare = num('knownCustomerShare', { min: 0, max: 1 });
  const seed = num('seed', { min: 0, max: 0xffff_ffff, integer: true });

  let answerDelaySec = DEFAULT_SIM_PARAMS.answerDelaySec;
  const rawDelay = input.answerDelaySec;
  if (rawDelay !== undefined) {
    const parts = typeof rawDelay === 'string' ? rawDelay.split(/[,-]/).map((s) => Number(s.trim())) : [...rawDelay];
    const [lo, hi] = parts.length === 1 ? [parts[0]!, parts[0]!] : parts;
    if (parts.length > 2 || lo === undefined || hi === undefined || !Number.isFinite(lo) || !Number.isFinite(hi) || lo < 0 || hi < lo || hi > 600) {
      problems.push(`--answer-delay must be "min,max" seconds with 0 ≤ min ≤ max ≤ 600, got "${String(rawDelay)}"`);
    } else answerDelaySec = [lo, hi];
  }

  let channels: readonly SimChannel[] = DEFAULT_SIM_PARAMS.channels;
  const rawChannels = input.channels;
  if (rawChannels !== undefined) {
    const list = (typeof rawChannels === 'string' ? rawChannels.split(',') : [...rawChannels]).map((c) => String(c).trim().toLowerCase()).filter(Boolean);
    const bad = list.filter((c) => !(SIM_CHANNELS as readonly string[]).includes(c));
    if (list.length === 0) problems.push(`--channels must name at least one of ${SIM_CHANNELS.join(', ')}`);
    else if (bad.length) problems.push(`--channels: unknown ${bad.map((b) => `"${b}"`).join(', ')} (known: ${SIM_CHANNELS.join(', ')})`);
    else channels = [...new Set(list)] as SimChannel[];
  }

  if (problems.length) throw new SimParamsError(problems);
  return { ratePerMinute, agents, durationSec, handleMeanSec, handleSigma, acwMeanSec, patienceMeanSec, answerDelaySec, knownCustomerShare, seed, channels };
}

const kebab = (key: string) => {
  const special: Record<string, string> = { ratePerMinute: 'rate', durationSec: 'duration', answerDelaySec: 'answer-delay', knownCustomerShare: 'known-share' };
  return special[key] ?? key.replace(/Sec$/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
};

/**
 * Offered load in Erlangs (arrivals × (handle + ACW)) and the agents it keeps busy on average: a
 * hint printed at start (above ~0.9 per agent the queue grows and customers abandon).
 */
export function offeredLoad(p: SimParams): { erlangs: number; occupancy: number } {
  const erlangs = (p.ratePerMinute / 60) * (p.handleMeanSec + p.acwMeanSec);
  return { erlangs, occupancy: erlangs / p.agents };
}
