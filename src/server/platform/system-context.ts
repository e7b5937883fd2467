import type { TenantContext } from './principal.js';

/** Context for work the operator starts from the CLI or the server itself (seeding): audited as "system". */
export function systemContext(tenant: { id: string; slug: string; timeZone: string }, via = 'cli'): TenantContext {
  return { tenantId: tenant.id, tenantSlug: tenant.slug, timeZone: tenant.timeZone, role: 'admin', actorUserId: null, actorTokenId: null, ip: null, userAgent: via };
}
