import type { Role } from '../../core/auth/permissions.js';

export interface Membership {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  role: Role;
  timeZone: string;
}

/** Who is calling: a logged-in user (cookie session) or an integration token bound to one tenant. */
export type Principal =
  | { kind: 'user'; userId: string; email: string; displayName: string; locale: string; sessionId: string; memberships: Membership[] }
  | { kind: 'token'; tokenId: string; membership: Membership };

/** What every tenant-scoped service call receives: taken from the authentication, never from the body. */
export interface TenantContext {
  tenantId: string;
  tenantSlug: string;
  timeZone: string;
  role: Role;
  actorUserId: string | null;
  actorTokenId: string | null;
  ip: string | null;
  userAgent: string | null;
}
