/**
 * Memoizes async loads until a version changes (a commit, a configuration): hot paths such as the
 * agent desktop's views read reason codes and tenants once per configuration, not once per message.
 * A failed load is forgotten so the next call retries.
 */
export function versionedCache<V>(version: () => number) {
  let seen = Number.NaN;
  const entries = new Map<string, Promise<V>>();
  return (key: string, load: () => Promise<V>): Promise<V> => {
    const v = version();
    if (v !== seen) {
      entries.clear();
      seen = v;
    }
    let hit = entries.get(key);
    if (!hit) {
      hit = load();
      entries.set(key, hit);
      hit.catch(() => entries.delete(key));
    }
    return hit;
  };
}

/**
 * Memoizes one async load per key while the values it was derived from stay the same (compared with
 * Object.is). The engine's state is immutable: an agent or contact record that is the same object has
 * not changed, so a view built from it is still true. At most `max` keys (oldest dropped first); a
 * failed load is forgotten so the next call retries.
 */
export function identityCache<V>(max: number) {
  const entries = new Map<string, { deps: readonly unknown[]; value: Promise<V> }>();
  const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  return (key: string, deps: readonly unknown[], load: () => Promise<V>): Promise<V> => {
    const hit = entries.get(key);
    if (hit && same(hit.deps, deps)) return hit.value;
    entries.delete(key);
    if (entries.size >= max) entries.delete(entries.keys().next().value!);
    const value = load();
    entries.set(key, { deps, value });
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    return value;
  };
}
