/**
 * Article views of the public portal, counted in memory and written in batches: a popular page read
 * by many visitors costs one UPDATE per flush instead of one per reading (PGlite has one connection,
 * and every page view would queue behind the others). Views of the last interval are lost if the
 * process dies; the count is a popularity signal, not a ledger.
 */
export function createViewBuffer(write: (tenantId: string, counts: ReadonlyMap<string, number>) => Promise<void>) {
  let pending = new Map<string, Map<string, number>>();
  let last: Promise<void> = Promise.resolve();
  const add = (tenantId: string, articleId: string, n: number) => {
    const perTenant = pending.get(tenantId) ?? new Map<string, number>();
    perTenant.set(articleId, (perTenant.get(articleId) ?? 0) + n);
    pending.set(tenantId, perTenant);
  };
  async function writeAll() {
    const batch = pending;
    pending = new Map();
    const failed: unknown[] = [];
    for (const [tenantId, counts] of batch) {
      try {
        await write(tenantId, counts);
      } catch (err) {
        // Kept for the next flush (the database may be back by then).
        for (const [id, n] of counts) add(tenantId, id, n);
        failed.push(err);
      }
    }
    if (failed.length) throw failed[0];
  }
  return {
    count: (tenantId: string, articleId: string) => add(tenantId, articleId, 1),
    /** Writes what was counted so far; flushes run one after another. */
    flush(): Promise<void> {
      const run = last.catch(() => undefined).then(writeAll);
      last = run;
      return run;
    },
  };
}
export type ViewBuffer = ReturnType<typeof createViewBuffer>;
