import type { Clock } from '../../platform/clock.js';

/**
 * Short-lived memo of async loads for the public pages: a page served to many visitors reads the
 * database once per `ttlMs` per key. At most `max` keys (oldest dropped first), so random URLs cannot
 * grow it; a failed load is forgotten at once. `enabled: false` (benchmark baseline) loads every time.
 */
export function ttlCache<V>(opts: { ttlMs: number; max: number; clock: Clock; enabled?: boolean }) {
  const entries = new Map<string, { at: number; value: Promise<V> }>();
  return {
    get(key: string, load: () => Promise<V>): Promise<V> {
      if (opts.enabled === false) return load();
      const now = opts.clock.now().getTime();
      const hit = entries.get(key);
      if (hit && now - hit.at < opts.ttlMs) return hit.value;
      entries.delete(key);
      if (entries.size >= opts.max) entries.delete(entries.keys().next().value!);
      const value = load();
      entries.set(key, { at: now, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    /** Forget one key (an edit on this node shows at once), or all. */
    clear(key?: string) {
      if (key === undefined) entries.clear();
      else entries.delete(key);
    },
  };
}
