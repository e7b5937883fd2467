import { Anchor, Button, Grid, Stack } from '@mantine/core';
import { IconArrowLeft, IconNotes } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Interaction } from '../../api/types.js';
import { SectionCard } from '../../../ui/section-card.js';
import { LoadingState, RecordLoadError } from '../../common/load-state.js';
import { tenantPath } from '../../common/paths.js';
import { useTenant } from '../auth/tenant-context.js';
import { CaseCreateModal } from '../cases/case-create-modal.js';
import { OpenCasesSection } from '../cases/open-cases-section.js';
import { InteractionTimeline } from '../interactions/interaction-timeline.js';
import { LogInteractionModal } from '../interactions/log-interaction-modal.js';
import { ContactPointsSection } from './contact-points-section.js';
import { CustomerEditModal } from './customer-edit-modal.js';
import { CustomerProfileCard } from './customer-profile-card.js';
import { TalkFlowRunner } from '../talk-flows/talk-flow-runner.js';
import { CustomerCallsSection } from '../calls/customer-calls-section.js';
import { OrdersSection } from './orders-section.js';
import { OwnedProductsSection } from './owned-products-section.js';
import { useCustomerOverview } from './customer.queries.js';

/** Customer 360: everything about the caller on one screen, so nobody has to ask twice. */
export function Customer360Page() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { slug, timeZone, can } = useTenant();
  const overview = useCustomerOverview(id);
  const [logging, setLogging] = useState(false);
  const [editing, setEditing] = useState(false);
  const [caseSource, setCaseSource] = useState<Interaction | null>(null);
  const base = tenantPath(slug);

  const back = (
    <Anchor component={Link} to={`${base}/customers`} size="sm">
      <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: 'middle' }} /> {t('customers.backToSearch')}
    </Anchor>
  );

  if (overview.isPending) return <LoadingState />;
  if (overview.isError) {
    return (
      <Stack>
        {back}
        <RecordLoadError error={overview.error} onRetry={() => void overview.refetch()} />
      </Stack>
    );
  }

  const { customer, contactPoints, ownedProducts, orders, interactions, openCases } = overview.data;
  const canCreateCase = can('cases:write');

  return (
    <Stack gap="md">
      {back}
      <CustomerProfileCard
        customer={customer}
        timeZone={timeZone}
        onEdit={can('customers:write') ? () => setEditing(true) : undefined}
        actions={
          can('interactions:write') && (
            <Button leftSection={<IconNotes size={16} aria-hidden />} onClick={() => setLogging(true)}>
              {t('interactions.log')}
            </Button>
          )
        }
      />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <ContactPointsSection customerId={customer.id} contactPoints={contactPoints} canEdit={can('customers:write')} />
            <OpenCasesSection cases={openCases} />
            <OwnedProductsSection products={ownedProducts} timeZone={timeZone} />
            {can('talkflow:run') && (
              <SectionCard title={t('talkFlows.runner.title')}>
                <TalkFlowRunner customerId={customer.id} />
              </SectionCard>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <SectionCard title={t('interactions.title')}>
              <InteractionTimeline
                interactions={interactions}
                timeZone={timeZone}
                casesPath={`${base}/cases`}
                onCreateCase={canCreateCase ? setCaseSource : undefined}
                emptyText={t('interactions.empty')}
              />
            </SectionCard>
            <CustomerCallsSection customerId={customer.id} />
            <OrdersSection orders={orders} timeZone={timeZone} />
          </Stack>
        </Grid.Col>
      </Grid>
      <LogInteractionModal opened={logging} onClose={() => setLogging(false)} customerId={customer.id} />
      <CustomerEditModal opened={editing} onClose={() => setEditing(false)} customer={customer} />
      <CaseCreateModal
        opened={caseSource !== null}
        onClose={() => setCaseSource(null)}
        customer={{ id: customer.id, name: customer.name }}
        interaction={caseSource}
      />
    </Stack>
  );
}
