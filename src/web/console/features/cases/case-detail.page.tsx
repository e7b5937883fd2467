import { Anchor, Button, Grid, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconNotes } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DescriptionItem } from '../../../ui/description-item.js';
import { formatDateTime } from '../../../ui/format/datetime.js';
import { PageHeader } from '../../../ui/page-header.js';
import { SectionCard } from '../../../ui/section-card.js';
import { LoadingState, RecordLoadError } from '../../common/load-state.js';
import { customerPath, tenantPath } from '../../common/paths.js';
import { useTenant } from '../auth/tenant-context.js';
import { InteractionTimeline } from '../interactions/interaction-timeline.js';
import { LogInteractionModal } from '../interactions/log-interaction-modal.js';
import { CaseDue, CasePriorityBadge, CaseStatusBadge } from './case-badges.js';
import { CaseEditForm } from './case-edit-form.js';
import { CaseStatusActions } from './case-status-actions.js';
import { useCase } from './case.queries.js';

export function CaseDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { slug, timeZone, can } = useTenant();
  const query = useCase(id);
  const [logging, setLogging] = useState(false);
  const base = tenantPath(slug);
  const back = { to: `${base}/cases`, label: t('caseDetail.backToList') };

  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    return (
      <Stack>
        <PageHeader title={t('cases.title')} back={back} />
        <RecordLoadError error={query.error} onRetry={() => void query.refetch()} />
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
                <DescriptionItem label={t('cases.customer')}>
                  {item.customerId ? (
                    <Anchor component={Link} to={customerPath(base, item.customerId)}>
                      {item.customerName ?? none}
                    </Anchor>
                  ) : (
                    t('cases.noCustomer')
                  )}
                </DescriptionItem>
                <DescriptionItem label={t('cases.owner')}>{item.ownerName ?? t('cases.unassigned')}</DescriptionItem>
                <DescriptionItem label={t('cases.due')}>
                  <CaseDue item={item} timeZone={timeZone} />
                </DescriptionItem>
                <DescriptionItem label={t('caseForm.department')}>{item.department ?? none}</DescriptionItem>
                <DescriptionItem label={t('caseForm.category')}>{item.category ?? none}</DescriptionItem>
                <DescriptionItem label={t('caseDetail.createdAt')}>{formatDateTime(item.createdAt, timeZone)}</DescriptionItem>
                <DescriptionItem label={t('caseDetail.updatedAt')}>{formatDateTime(item.updatedAt, timeZone)}</DescriptionItem>
                {item.resolvedAt && <DescriptionItem label={t('caseDetail.resolvedAt')}>{formatDateTime(item.resolvedAt, timeZone)}</DescriptionItem>}
                {item.closedAt && <DescriptionItem label={t('caseDetail.closedAt')}>{formatDateTime(item.closedAt, timeZone)}</DescriptionItem>}
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
                casesPath={`${base}/cases`}
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
