import { createContext, useContext } from 'react';
import { hasPermission, type Permission } from '../../../../core/auth/permissions.js';
import type { TenantApi } from '../../api/client.js';
import type { Membership } from '../../api/types.js';
import { tenantPath } from '../../common/paths.js';

export interface TenantContextValue {
  slug: string;
  membership: Membership;
  /** IANA zone all times of this tenant are shown in. */
  timeZone: string;
  /** Calls carrying this tenant's `X-Tenant`. */
  api: TenantApi;
  /**
   * Whether the user's role in this tenant grants the permission. Only hides what the server would
   * refuse anyway (the same rules from `src/core`); the server stays the judge.
   */
  can: (permission: Permission) => boolean;
}

export const TenantContext = createContext<TenantContextValue | null>(null);

export function permissionsOf(membership: Membership): (permission: Permission) => boolean {
  return (permission) => hasPermission(membership.role, permission);
}

/** The active tenant; only valid under `/t/:tenant`. */
export function useTenant(): TenantContextValue {
  const value = useContext(TenantContext);
  if (!value) throw new Error('useTenant() used outside a tenant route');
  return value;
}

/** The active tenant when there is one (the shell also renders on the tenant picker). */
export function useOptionalTenant(): TenantContextValue | null {
  return useContext(TenantContext);
}

/** Query keys of one tenant start with these two parts, so switching tenants never mixes data. */
export function tenantKey(slug: string, ...parts: unknown[]): unknown[] {
  return ['t', slug, ...parts];
}

/** First page of a tenant for this role: customer search, or the case list for roles without CRM access. */
export function tenantHomePath(membership: Membership): string {
  const section = hasPermission(membership.role, 'customers:read') ? 'customers' : 'cases';
  return `${tenantPath(membership.tenantSlug)}/${section}`;
}
