import { Alert } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.queries.js';
import { TenantContext, createTenantContextValue } from '../auth/tenant-context.js';

/** The tenant by its slug (work items) or by its id (telephone screen pops). */
export type TenantRef = { slug: string; tenantId?: never } | { tenantId: string; slug?: never };

/**
 * The desk serves several client companies at once: each contact's screen pop, case and callback
 * work in that contact's tenant (its `X-Tenant`, time zone and permissions).
 */
export function WorkItemTenant({ children, ...ref }: TenantRef & { children: ReactNode }) {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const membership = session?.memberships.find((m) => (ref.slug !== undefined ? m.tenantSlug === ref.slug : m.tenantId === ref.tenantId));
  const value = useMemo(() => (membership ? createTenantContextValue(membership) : null), [membership]);
  if (!value) {
    return (
      <Alert color="yellow" role="alert">
        {t('tenants.noAccess')}
      </Alert>
    );
  }
  return <TenantContext.Provider value={value}>{children}</TenantContext.Provider>;
}
