import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './app-error.js';

const NUL = '\u0000';
const MAX_DEPTH = 64;

/** The dotted path of the first string holding U+0000, or null. */
function findNul(value: unknown, path: string[], depth: number): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? path.join('.') : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || Buffer.isBuffer(value)) return null;
  for (const [key, v] of Object.entries(value)) {
    const found = findNul(v, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * PostgreSQL text cannot hold U+0000: a NUL anywhere in a JSON body, query or path would end as a
 * database error (500). Refuse it up front, naming the field, before any route sees the input.
 */
export const textGuardPlugin = fp(async function textGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    for (const [where, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
      const path = findNul(value, [where], 0);
      if (path) throw new AppError('validation_failed', `${path} contains a NUL character (U+0000)`, [{ path, message: 'contains a NUL character (U+0000)' }]);
    }
  });
});
