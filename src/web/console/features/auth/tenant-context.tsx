import { createContext, useContext } from 'react';
import { hasPermission, type Permission } from '../../../../core/auth/permissions.js';
import { createTenantApi, type TenantApi } from '../../api/client.js';
import type { Membership } from '../../api/types.js';
import { tenantPath } from '../../common/paths.js';
import { DEFAULT_TIME_ZONE } from '../../../ui/format/datetime.js';

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

/** The tenant context of one membership (a tenant page, or one work item of the agent desk). */
export function createTenantContextValue(membership: Membership): TenantContextValue {
  return {
    slug: membership.tenantSlug,
    membership,
    timeZone: membership.timeZone || DEFAULT_TIME_ZONE,
    api: createTenantApi(membership.tenantSlug),
    can: permissionsOf(membership),
  };
}

const LAST_TENANT_KEY = 'madoguchi.lastTenant';

/** Remembers the tenant last worked in, so pages outside `/t/:tenant` (desk, wallboard) can offer its menu. */
export function rememberTenant(slug: string): void {
  try {
    window.sessionStorage.setItem(LAST_TENANT_KEY, slug);
  } catch {
    // storage disabled: the menu falls back to the only tenant, if any
  }
}

/** The remembered tenant among the memberships, else the only one. */
export function lastTenant(memberships: readonly Membership[]): Membership | null {
  let slug: string | null = null;
  try {
    slug = window.sessionStorage.getItem(LAST_TENANT_KEY);
  } catch {
    slug = null;
  }
  return memberships.find((m) => m.tenantSlug === slug) ?? (memberships.length === 1 ? (memberships[0] ?? null) : null);
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
