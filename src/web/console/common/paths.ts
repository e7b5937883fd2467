/** `/t/:tenant`, the base of every page of one tenant. */
export function tenantPath(slug: string): string {
  return `/t/${encodeURIComponent(slug)}`;
}

/** A case's page, under a tenant's base path. */
export function casePath(tenantBase: string, caseId: string): string {
  return `${tenantBase}/cases/${encodeURIComponent(caseId)}`;
}

/** A customer's 360 page, under a tenant's base path. */
export function customerPath(tenantBase: string, customerId: string): string {
  return `${tenantBase}/customers/${encodeURIComponent(customerId)}`;
}
