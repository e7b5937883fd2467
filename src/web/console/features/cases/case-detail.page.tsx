import { Alert, Anchor, Button, Grid, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconNotes } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../../ui/format/datetime.js';
import { PageHeader } from '../../../ui/page-header.js';
import { SectionCard } from '../../../ui/section-card.js';
import { isNotFound } from '../../common/errors.js';
import { LoadError, LoadingState } from '../../common/load-state.js';
import { useTenant } from '../auth/tenant-context.js';
import { InteractionTimeline } from '../interactions/interaction-timeline.js';
import { LogInteractionModal } from '../interactions/log-interaction-modal.js';
import { CaseDue, CasePriorityBadge, CaseStatusBadge } from './case-badges.js';
import { CaseEditForm } from './case-edit-form.js';
import { CaseStatusActions } from './case-status-actions.js';
import { useCase } from './case.queries.js';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

export function CaseDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { slug, timeZone, can } = useTenant();
  const query = useCase(id);
  const [logging, setLogging] = useState(false);
  const tenantPath = `/t/${encodeURIComponent(slug)}`;
  const back = { to: `${tenantPath}/cases`, label: t('caseDetail.backToList') };

  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    return (
      <Stack>
        <PageHeader title={t('cases.title')} back={back} />
        {isNotFound(query.error) ? (
          <Alert color="yellow" role="alert">
            {t('errors.notFound')}
          </Alert>
        ) : (
          <LoadError error={query.error} onRetry={() => void query.refetch()} />
        )}
      </Stack>
    );
  }

  const item = query.data;
  const none = t('common.none');
  const canWrite = can('cases:write');

  return (
    <Stack gap="md">
      <PageHeader
        back={back}
        title={
          <>
            <Text component="span" ff="monospace" inherit c="dimmed" mr="sm">
              {item.displayNumber}
            </Text>
            {item.title}
          </>
        }
        subtitle={
          <Group gap="xs">
            <CaseStatusBadge status={item.status} />
            <CasePriorityBadge priority={item.priority} />
          </Group>
        }
      />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <SectionCard title={t('caseDetail.details')}>
              <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" m={0}>
                <Field label={t('cases.customer')}>
                  {item.customerId ? (
                    <Anchor component={Link} to={`${tenantPath}/customers/${encodeURIComponent(item.customerId)}`}>
                      {item.customerName ?? none}
                    </Anchor>
                  ) : (
                    t('cases.noCustomer')
                  )}
                </Field>
                <Field label={t('cases.owner')}>{item.ownerName ?? t('cases.unassigned')}</Field>
                <Field label={t('cases.due')}>
                  <CaseDue item={item} timeZone={timeZone} />
                </Field>
                <Field label={t('caseForm.department')}>{item.department ?? none}</Field>
                <Field label={t('caseForm.category')}>{item.category ?? none}</Field>
                <Field label={t('caseDetail.createdAt')}>{formatDateTime(item.createdAt, timeZone)}</Field>
                <Field label={t('caseDetail.updatedAt')}>{formatDateTime(item.updatedAt, timeZone)}</Field>
                {item.resolvedAt && <Field label={t('caseDetail.resolvedAt')}>{formatDateTime(item.resolvedAt, timeZone)}</Field>}
                {item.closedAt && <Field label={t('caseDetail.closedAt')}>{formatDateTime(item.closedAt, timeZone)}</Field>}
              </SimpleGrid>
              <Text size="xs" c="dimmed" mt="md">
                {t('caseForm.description')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {item.description ?? t('caseDetail.noDescription')}
              </Text>
            </SectionCard>
            <SectionCard
              title={t('interactions.linkedTitle')}
              actions={
                can('interactions:write') && (
                  <Button size="compact-sm" variant="light" leftSection={<IconNotes size={14} aria-hidden />} onClick={() => setLogging(true)}>
                    {t('interactions.log')}
                  </Button>
                )
              }
            >
              <InteractionTimeline
                interactions={item.interactions}
                timeZone={timeZone}
                casesPath={`${tenantPath}/cases`}
                currentCaseId={item.id}
                emptyText={t('interactions.empty')}
              />
            </SectionCard>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            {canWrite && <CaseStatusActions item={item} />}
            {canWrite && <CaseEditForm key={item.updatedAt} item={item} />}
          </Stack>
        </Grid.Col>
      </Grid>
      <LogInteractionModal opened={logging} onClose={() => setLogging(false)} customerId={item.customerId} caseId={item.id} />
    </Stack>
  );
}
