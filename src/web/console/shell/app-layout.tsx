import { Anchor, AppShell, Badge, Burger, Button, Group, NavLink, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBook, IconBriefcase, IconBuilding, IconDeviceLandlinePhone, IconGitBranch, IconWorld, IconHeadset, IconHistory, IconLogout, IconPhoneCall, IconPresentationAnalytics, IconRoute, IconUsers } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useMatch, useNavigate } from 'react-router';
import { notifySuccess } from '../common/errors.js';
import { tenantPath } from '../common/paths.js';
import { forgetUserData, useLogout, useSession } from '../features/auth/session.queries.js';
import { lastTenant, useOptionalTenant } from '../features/auth/tenant-context.js';
import { hasPermission, type Permission } from '../../../core/auth/permissions.js';
import { takesContacts } from '../features/desk/desk-access.js';
import { LanguageSwitch } from './language-switch.js';
import { TenantSwitcher } from './tenant-switcher.js';

const MAIN_ID = 'main-content';

function SectionNav({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const tenant = useOptionalTenant();
  const onDesk = useMatch('/desk');
  const onWallboard = useMatch('/wallboard');
  const onCustomers = useMatch('/t/:tenant/customers/*');
  const onCases = useMatch('/t/:tenant/cases/*');
  const onCalls = useMatch('/t/:tenant/calls/*');
  const onTelephony = useMatch('/t/:tenant/admin/telephony/*');
  const onKnowledge = useMatch('/t/:tenant/knowledge/*');
  const onTalkFlows = useMatch('/t/:tenant/talk-flows/*');
  const onIvrFlows = useMatch('/t/:tenant/ivr-flows/*');
  const onPortalAdmin = useMatch('/t/:tenant/admin/portal/*');
  const onRoutingAdmin = useMatch('/t/:tenant/admin/routing/*');
  const memberships = session?.memberships ?? [];
  // Outside a tenant (desk, wallboard) the tenant menu is the one last worked in.
  const menuTenant = tenant?.membership ?? lastTenant(memberships);
  const base = menuTenant ? tenantPath(menuTenant.tenantSlug) : '';
  const anyTenant = (permission: Permission) => memberships.some((m) => hasPermission(m.role, permission));
  const inMenuTenant = (permission: Permission) => (menuTenant ? hasPermission(menuTenant.role, permission) : false);
  const items = [
    { to: '/desk', label: t('shell.desk'), icon: IconHeadset, active: !!onDesk, show: takesContacts(memberships) },
    { to: `${base}/customers`, label: t('shell.customers'), icon: IconUsers, active: !!onCustomers, show: inMenuTenant('customers:read') },
    { to: `${base}/cases`, label: t('shell.cases'), icon: IconBriefcase, active: !!onCases, show: inMenuTenant('cases:read') },
    { to: `${base}/calls`, label: t('shell.calls'), icon: IconHistory, active: !!onCalls, show: inMenuTenant('customers:read') },
    { to: `${base}/knowledge`, label: t('shell.knowledge'), icon: IconBook, active: !!onKnowledge, show: inMenuTenant('knowledge:read') },
    { to: `${base}/talk-flows`, label: t('shell.talkFlows'), icon: IconGitBranch, active: !!onTalkFlows, show: inMenuTenant('talkflow:read') },
    { to: `${base}/ivr-flows`, label: t('shell.ivrFlows'), icon: IconPhoneCall, active: !!onIvrFlows, show: inMenuTenant('ivr:read') },
    { to: '/wallboard', label: t('shell.wallboard'), icon: IconPresentationAnalytics, active: !!onWallboard, show: anyTenant('routing:monitor') },
    { to: `${base}/admin/routing`, label: t('shell.routingAdmin'), icon: IconRoute, active: !!onRoutingAdmin, show: inMenuTenant('routing:admin') },
    { to: `${base}/admin/portal`, label: t('shell.portalAdmin'), icon: IconWorld, active: !!onPortalAdmin, show: inMenuTenant('portal:admin') },
    { to: `${base}/admin/telephony`, label: t('shell.telephony'), icon: IconDeviceLandlinePhone, active: !!onTelephony, show: inMenuTenant('telephony:admin') },
    // Outside a tenant with no tenant remembered: the way to the customer and case pages of one.
    { to: '/tenants', label: t('shell.pickTenant'), icon: IconBuilding, active: false, show: !menuTenant && memberships.length > 1 },
  ];
  return (
    <>
      {items
        .filter((item) => item.show)
        .map(({ to, label, icon: Icon, active }) => (
          <NavLink
            key={to}
            component={Link}
            to={to}
            label={label}
            leftSection={<Icon size={18} aria-hidden />}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
          />
        ))}
    </>
  );
}

function UserArea() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const logout = useLogout();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = () =>
    logout.mutate(undefined, {
      // Forget the user locally even when the server could not be reached.
      onSettled: () => {
        forgetUserData(queryClient);
        navigate('/login', { replace: true });
        notifySuccess(t('auth.loggedOut'));
      },
    });
  return (
    <Group gap="sm" wrap="nowrap">
      {session && (
        <Text size="sm" visibleFrom="sm" truncate maw={200} title={session.user.email}>
          {session.user.displayName}
        </Text>
      )}
      <LanguageSwitch />
      <Button variant="subtle" size="sm" leftSection={<IconLogout size={16} aria-hidden />} onClick={signOut} loading={logout.isPending}>
        {t('auth.logout')}
      </Button>
    </Group>
  );
}

/** Header (brand, tenant, user, language, logout), the section menu inside a tenant, and the page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [navOpened, nav] = useDisclosure(false);
  const tenant = useOptionalTenant();
  const { data: session } = useSession();
  // The menu shows inside a tenant, and on the cross-tenant pages (desk, wallboard) of anyone with a membership.
  const hasNav = !!tenant || (session?.memberships.length ?? 0) > 0;
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={hasNav ? { width: 200, breakpoint: 'sm', collapsed: { mobile: !navOpened } } : undefined}
      padding="md"
    >
      <AppShell.Header>
        <VisuallyHidden>
          <a href={`#${MAIN_ID}`}>{t('shell.skipToContent')}</a>
        </VisuallyHidden>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            {hasNav && (
              <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNav')} />
            )}
            <Anchor component={Link} to="/" fw={700} c="indigo.7" underline="never" visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
              {t('common.appName')}
            </Anchor>
            <TenantSwitcher />
            {tenant && !tenant.can('cases:write') && (
              <Badge color="gray" variant="outline">
                {t('shell.readOnly')}
              </Badge>
            )}
          </Group>
          <UserArea />
        </Group>
      </AppShell.Header>
      {hasNav && (
        <AppShell.Navbar p="xs" component="nav" aria-label={t('shell.nav')}>
          <SectionNav onNavigate={nav.close} />
        </AppShell.Navbar>
      )}
      <AppShell.Main id={MAIN_ID} tabIndex={-1} bg="gray.0">
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
