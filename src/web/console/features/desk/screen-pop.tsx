import { Anchor, Grid, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Customer, CustomerOverview } from '../../api/types.js';
import type { WorkItem } from '../../api/routing-types.js';
import { LoadingState, RecordLoadError } from '../../common/load-state.js';
import { customerPath, tenantPath } from '../../common/paths.js';
import { SectionCard } from '../../../ui/section-card.js';
import { useTenant } from '../auth/tenant-context.js';
import { OpenCasesSection } from '../cases/open-cases-section.js';
import { CustomerProfileCard } from '../customers/customer-profile-card.js';
import { useCustomerOverview } from '../customers/customer.queries.js';
import { OrdersSection } from '../customers/orders-section.js';
import { OwnedProductsSection } from '../customers/owned-products-section.js';
import { InteractionTimeline } from '../interactions/interaction-timeline.js';
import type { AgentCommand } from './agent-command.js';
import { useAgentCommand } from './agent.queries.js';
import { deskErrorMessage } from './desk-errors.js';
import { UnknownCaller } from './unknown-caller.js';

/** How much history the screen pop shows; the full 360 is one click away. */
const RECENT_INTERACTIONS = 5;
const RECENT_ORDERS = 3;

export interface ScreenPopProps {
  item: WorkItem;
  /** Two columns on wide screens (the offer card spans the page); one beside the contact panel. */
  wide?: boolean;
  /** A customer registered from this desk for an unknown caller. */
  createdCustomerId: string | null;
  onCustomerCreated: (customer: Customer) => void;
}

/**
 * The screen pop: the caller's profile (a VIP badged beside the name), products with serials, open cases, last contacts and
 * orders — the customer 360's own sections — or, for an unknown caller, a quick registration that
 * also links the new customer to the contact (`POST /agent/contacts/:id/customer`).
 * Renders inside the contact's tenant.
 */
export function ScreenPop({ item, wide = false, createdCustomerId, onCustomerCreated }: ScreenPopProps) {
  const { t } = useTranslation();
  const link = useAgentCommand({ silent: true });
  if (item.screenPop) return <ScreenPopOverview overview={item.screenPop} wide={wide} />;
  // Registered here but not (yet) linked: show the new customer while the link is on its way or if it failed.
  if (createdCustomerId) return <CustomerOverviewPop customerId={createdCustomerId} wide={wide} />;
  const onCreated = (customer: Customer) => {
    onCustomerCreated(customer);
    // The contact and its interaction get the customer; the answer (the new AgentMe) carries the refreshed screen pop.
    const command: AgentCommand = { kind: 'linkCustomer', contactId: item.contact.id, customerId: customer.id };
    link.mutate(command, {
      onError: (error) =>
        notifications.show({ color: 'red', title: t('errors.title'), message: t('desk.customerLinkFailed', { message: deskErrorMessage(command, error) }) }),
    });
  };
  return <UnknownCaller from={item.contact.from} onCreated={onCreated} />;
}

/** The screen pop of a customer known by id only (registered from the desk, or named by a telephone call), loaded in the current tenant. */
export function CustomerOverviewPop({ customerId, wide = false }: { customerId: string; wide?: boolean }) {
  const overview = useCustomerOverview(customerId);
  if (overview.isPending) return <LoadingState />;
  if (overview.isError) return <RecordLoadError error={overview.error} onRetry={() => void overview.refetch()} />;
  return <ScreenPopOverview overview={overview.data} wide={wide} />;
}

export function ScreenPopOverview({ overview, wide = false }: { overview: CustomerOverview; wide?: boolean }) {
  const { t } = useTranslation();
  const { slug, timeZone, can } = useTenant();
  const base = tenantPath(slug);
  const { customer, ownedProducts, orders, interactions, openCases } = overview;
  return (
    <Stack gap="sm" data-testid="screen-pop" data-vip={customer.vip ? 'true' : undefined}>
      <CustomerProfileCard
        customer={customer}
        timeZone={timeZone}
        headingOrder={3}
        actions={
          can('customers:read') && (
            <Anchor href={customerPath(base, customer.id)} target="_blank" rel="noopener" size="sm">
              <Group gap={4} component="span">
                {t('desk.open360')}
                <IconExternalLink size={14} aria-hidden />
              </Group>
            </Anchor>
          )
        }
      />
      <Grid gutter="sm">
        <Grid.Col span={wide ? { base: 12, lg: 6 } : 12}>
          <Stack gap="sm">
            <OwnedProductsSection products={ownedProducts} timeZone={timeZone} />
            <OpenCasesSection cases={openCases} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={wide ? { base: 12, lg: 6 } : 12}>
          <Stack gap="sm">
            <SectionCard title={t('desk.recentInteractions')}>
              <InteractionTimeline
                interactions={interactions.slice(0, RECENT_INTERACTIONS)}
                timeZone={timeZone}
                casesPath={`${base}/cases`}
                emptyText={t('interactions.empty')}
              />
            </SectionCard>
            <OrdersSection orders={orders.slice(0, RECENT_ORDERS)} timeZone={timeZone} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
