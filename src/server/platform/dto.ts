/** Optional timestamps leave the server as ISO-8601 UTC strings. */
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
