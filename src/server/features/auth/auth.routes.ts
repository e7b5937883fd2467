import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SESSION_COOKIE, userOf } from '../../platform/access.plugin.js';
import type { Principal } from '../../platform/principal.js';
import { errorResponses, noContent, problemSchema } from '../../platform/http.schemas.js';
import { loginBody, sessionDto, type SessionDto } from './auth.schemas.js';
import type { AuthService } from './auth.service.js';

export interface AuthRouteOptions {
  auth: AuthService;
  cookieSecure: 'auto' | boolean;
  loginRateLimitPerMinute: number;
}

function toSessionDto(p: Extract<Principal, { kind: 'user' }>, csrfToken: string): SessionDto {
  return {
    user: { id: p.userId, email: p.email, displayName: p.displayName, locale: p.locale },
    memberships: p.memberships,
    csrfToken,
  };
}

export async function authRoutes(app: FastifyInstance, opts: AuthRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secure = (request: FastifyRequest) => (opts.cookieSecure === 'auto' ? request.protocol === 'https' : opts.cookieSecure);
  const csrfFor = (request: FastifyRequest, reply: FastifyReply) =>
    reply.generateCsrf({ httpOnly: true, sameSite: 'strict', secure: secure(request), path: '/' });

  r.post('/api/v1/auth/login', {
    schema: { tags: ['auth'], summary: 'Sign in with e-mail and password; sets the session cookie', body: loginBody, response: { 200: sessionDto, 401: problemSchema, 429: problemSchema } },
    config: { access: 'public', rateLimit: { max: opts.loginRateLimitPerMinute, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const { secret, principal } = await opts.auth.login({ ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
    // A browser-session cookie: the server enforces the (sliding) expiry, so no Max-Age to fall out of step.
    reply.setCookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure: secure(request), path: '/' });
    if (principal.kind !== 'user') throw new Error('unreachable');
    return toSessionDto(principal, csrfFor(request, reply));
  });

  r.post('/api/v1/auth/logout', {
    schema: { tags: ['auth'], summary: 'End the session', response: { 204: noContent, ...errorResponses } },
    config: { access: 'user' },
  }, async (request, reply) => {
    await opts.auth.logout(userOf(request).sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  r.get('/api/v1/me', {
    schema: { tags: ['auth'], summary: 'The signed-in user, tenants and a CSRF token for mutations', response: { 200: sessionDto, ...errorResponses } },
    config: { access: 'user' },
  }, async (request, reply) => toSessionDto(userOf(request), csrfFor(request, reply)));
}
