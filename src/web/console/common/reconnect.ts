/**
 * Delay before reconnect attempt `attempt` (0 = first retry): exponential from `baseMs`, capped at
 * `maxMs`, with up to ±20 % jitter so a whole floor of desktops does not reconnect in the same instant
 * after a server restart.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random, baseMs = 1000, maxMs = 30_000): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 16)));
  const jitter = 1 + (random() * 2 - 1) * 0.2;
  return Math.round(Math.min(maxMs, exponential * jitter));
}

/** `ws://host/path` or `wss://host/path` for a same-origin path, following the page's scheme. */
export function sameOriginSocketUrl(path: string, location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}
