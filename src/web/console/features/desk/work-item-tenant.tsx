import { Alert } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.queries.js';
import { TenantContext, createTenantContextValue } from '../auth/tenant-context.js';

/**
 * The desk serves several client companies at once: each contact's screen pop, case and callback
 * work in that contact's tenant (its `X-Tenant`, time zone and permissions).
 */
export function WorkItemTenant({ slug, children }: { slug: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const membership = session?.memberships.find((m) => m.tenantSlug === slug);
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
