import { Badge, Button, Group, Menu, Text } from '@mantine/core';
import { IconBuilding, IconCheck, IconChevronDown, IconList } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Membership } from '../api/types.js';
import { hasPermission } from '../../../core/auth/permissions.js';
import { tenantPath } from '../common/paths.js';
import { useSession } from '../features/auth/session.queries.js';
import { tenantHomePath, useOptionalTenant } from '../features/auth/tenant-context.js';

/** The same list page in another tenant (records are per tenant, so ids do not carry over). */
function pathInTenant(membership: Membership, currentPath: string): string {
  if (/^\/t\/[^/]+\/cases/.test(currentPath)) return `${tenantPath(membership.tenantSlug)}/cases`;
  if (/^\/t\/[^/]+\/admin\/routing/.test(currentPath) && hasPermission(membership.role, 'routing:admin')) {
    return `${tenantPath(membership.tenantSlug)}/admin/routing`;
  }
  return tenantHomePath(membership);
}

/** The active tenant in the header; a menu to switch when the user serves several companies. */
export function TenantSwitcher() {
  const { t } = useTranslation();
  const location = useLocation();
  const { data: session } = useSession();
  const tenant = useOptionalTenant();
  if (!tenant) return null;
  const memberships = session?.memberships ?? [];
  const current = tenant.membership;
  const roleBadge = (
    <Badge variant="light" size="sm" visibleFrom="sm">
      {t(`roles.${current.role}`)}
    </Badge>
  );

  if (memberships.length <= 1) {
    return (
      <Group gap="xs" wrap="nowrap">
        <IconBuilding size={18} aria-hidden />
        <Text fw={600} truncate>
          {current.tenantName}
        </Text>
        {roleBadge}
      </Group>
    );
  }

  return (
    <Group gap="xs" wrap="nowrap">
      <Menu position="bottom-start" withinPortal shadow="md">
        <Menu.Target>
          <Button
            variant="default"
            size="sm"
            leftSection={<IconBuilding size={16} aria-hidden />}
            rightSection={<IconChevronDown size={14} aria-hidden />}
          >
            {current.tenantName}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('tenants.listLabel')}</Menu.Label>
          {memberships.map((m) => (
            <Menu.Item
              key={m.tenantId}
              component={Link}
              to={pathInTenant(m, location.pathname)}
              leftSection={m.tenantSlug === current.tenantSlug ? <IconCheck size={14} aria-hidden /> : <span style={{ width: 14 }} />}
              rightSection={
                <Text size="xs" c="dimmed">
                  {t(`roles.${m.role}`)}
                </Text>
              }
              aria-current={m.tenantSlug === current.tenantSlug ? 'true' : undefined}
            >
              {m.tenantName}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item component={Link} to="/tenants" leftSection={<IconList size={14} aria-hidden />}>
            {t('tenants.all')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {roleBadge}
    </Group>
  );
}
