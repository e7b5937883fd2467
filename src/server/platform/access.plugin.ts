import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasPermission, type Permission } from '../../core/auth/permissions.js';
import { AppError } from './app-error.js';
import type { Membership, Principal, TenantContext } from './principal.js';

/** Every /api route declares who may call it; a route without `config.access` fails at startup. */
export type Access = 'public' | 'user' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
    tenantCtx: TenantContext | null;
  }
}

export const SESSION_COOKIE = 'madoguchi_session';
export const TENANT_HEADER = 'x-tenant';

export interface PrincipalResolver {
  resolveSession(secret: string): Promise<Principal | null>;
  resolveToken(token: string): Promise<Principal | null>;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function bearerOf(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m?.[1]) throw new AppError('unauthenticated', 'Malformed Authorization header: expected "Bearer <token>"');
  return m[1];
}

/** The tenant comes from the authentication (token) or from a membership the user really has. */
function pickMembership(principal: Principal, requested: string | undefined): Membership {
  if (principal.kind === 'token') {
    if (requested && requested !== principal.membership.tenantSlug && requested !== principal.membership.tenantId) {
      throw new AppError('not_found', 'Tenant not found');
    }
    return principal.membership;
  }
  if (requested) {
    const m = principal.memberships.find((x) => x.tenantSlug === requested || x.tenantId === requested);
    if (!m) throw new AppError('not_found', 'Tenant not found');
    return m;
  }
  if (principal.memberships.length === 1) return principal.memberships[0]!;
  if (principal.memberships.length === 0) throw new AppError('forbidden', 'This account has no access to any tenant');
  throw new AppError('tenant_required', `Choose a tenant with the X-Tenant header (${principal.memberships.map((m) => m.tenantSlug).join(', ')})`);
}

export const ctxOf = (request: FastifyRequest): TenantContext => {
  if (!request.tenantCtx) throw new AppError('internal', 'Route has no tenant context');
  return request.tenantCtx;
};

export const userOf = (request: FastifyRequest) => {
  const p = request.principal;
  if (!p || p.kind !== 'user') throw new AppError('forbidden', 'This endpoint is for signed-in users');
  return p;
};

export const accessPlugin = fp(async function access(app: FastifyInstance, opts: { resolver: PrincipalResolver }) {
  app.decorateRequest('principal', null);
  app.decorateRequest('tenantCtx', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && route.url !== '/api/openapi.json' && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} declares no config.access`);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;

    const bearer = bearerOf(request);
    let principal: Principal | null = null;
    if (bearer) principal = await opts.resolver.resolveToken(bearer);
    else {
      const secret = request.cookies[SESSION_COOKIE];
      if (secret) principal = await opts.resolver.resolveSession(secret);
    }
    if (!principal) throw new AppError('unauthenticated', bearer ? 'Invalid or revoked API token' : 'Sign in first');
    request.principal = principal;

    if (access === 'user') return;
    const header = request.headers[TENANT_HEADER];
    const membership = pickMembership(principal, Array.isArray(header) ? header[0] : header);
    if (!hasPermission(membership.role, access)) {
      throw new AppError('forbidden', `Role "${membership.role}" may not ${access.replace(':', ' ')}`);
    }
    request.tenantCtx = {
      tenantId: membership.tenantId,
      tenantSlug: membership.tenantSlug,
      timeZone: membership.timeZone,
      role: membership.role,
      actorUserId: principal.kind === 'user' ? principal.userId : null,
      actorTokenId: principal.kind === 'token' ? principal.tokenId : null,
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
    };
  });

  // Cookies ride along on cross-site requests; bearer tokens do not, so only sessions need CSRF.
  // (@fastify/csrf-protection answers 403 itself when the X-CSRF-Token header does not match.)
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (request.principal?.kind === 'user' && MUTATING.has(request.method)) app.csrfProtection(request, reply, done);
    else done();
  });
});
