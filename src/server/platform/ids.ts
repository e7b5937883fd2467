import { uuidv7 } from 'uuidv7';

/** Time-ordered ids with 74 random bits: index-friendly, not guessable across tenants. */
export type IdGenerator = () => string;
export const newId: IdGenerator = () => uuidv7();

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID_RE.test(s);
