import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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

/**
 * The installation's secret when none is configured and the data lives in a local directory (PGlite):
 * generated once, kept beside the data (owner-only), so form tokens survive a restart.
 */
export async function installationSecret(dataDir: string): Promise<string> {
  const file = `${dataDir}/.madoguchi-secret`;
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = newSecret();
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
