import { Alert, Anchor } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useParams } from 'react-router';
import { AppLayout } from '../../shell/app-layout.js';
import { useSession } from './session.queries.js';
import { TenantContext, createTenantContextValue, rememberTenant, type TenantContextValue } from './tenant-context.js';

/** Layout route for `/t/:tenant/*`: checks the membership and provides the tenant to the pages. */
export function TenantScope() {
  const { t } = useTranslation();
  const { tenant: slug = '' } = useParams();
  const { data: session } = useSession();
  const membership = session?.memberships.find((m) => m.tenantSlug === slug);

  const value = useMemo<TenantContextValue | null>(() => (membership ? createTenantContextValue(membership) : null), [membership]);
  useEffect(() => {
    if (membership) rememberTenant(membership.tenantSlug);
  }, [membership]);

  if (!value) {
    return (
      <AppLayout>
        <Alert color="yellow" role="alert" title={t('tenants.noAccess')}>
          <Anchor component={Link} to="/tenants">
            {t('tenants.all')}
          </Anchor>
        </Alert>
      </AppLayout>
    );
  }

  return (
    <TenantContext.Provider value={value}>
      <AppLayout>
        <Outlet />
      </AppLayout>
    </TenantContext.Provider>
  );
}
