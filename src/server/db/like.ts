/** Escapes LIKE/ILIKE wildcards so user text matches literally (`%` is not "everything"). */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `%text%` for a literal substring match. */
export const containsPattern = (s: string) => `%${escapeLike(s)}%`;
