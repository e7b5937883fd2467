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
