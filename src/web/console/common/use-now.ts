import { useEffect, useState } from 'react';

/**
 * The current time in epoch milliseconds, re-rendering every `intervalMs` while `active`. For
 * ticking "time in state" and countdowns; the formatting stays in pure helpers.
 */
export function useNow(intervalMs = 1000, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}
