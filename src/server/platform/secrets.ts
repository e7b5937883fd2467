import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';

/** argon2id with the library's defaults (OWASP-recommended memory/time cost). */
export const hashPassword = (password: string) => argonHash(password);
export const verifyPassword = (hash: string, password: string) => argonVerify(hash, password).catch(() => false);

/** Opaque bearer secrets (session cookies, API tokens): 256 random bits, stored only as SHA-256. */
export const newSecret = (prefix = '') => prefix + randomBytes(32).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function constantTimeEquals(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
