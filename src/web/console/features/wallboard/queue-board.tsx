import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallboardQueue, WallboardTenant } from '../../api/routing-types.js';
import { formatPercent } from '../../common/durations.js';
import { FiguresGrid } from './figures-grid.js';
import { tenantServiceLevel } from './thresholds.js';

/** One queue: its name, company and SL promise (80/20), and its ten figures. */
export function QueueBoard({ queue, tenantName }: { queue: WallboardQueue; tenantName: string | null }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <Card withBorder radius="md" padding="sm" component="section" aria-labelledby={headingId} data-testid={`queue-${queue.name}`} data-queue-id={queue.queueId}>
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Title order={3} size="h3" id={headingId}>
            {queue.name}
          </Title>
          {tenantName && (
            <Text size="sm" c="dimmed">
              {tenantName}
            </Text>
          )}
        </Group>
        <Badge variant="outline" color="gray" size="lg">
          {t('wallboard.slTarget', { target: formatPercent(queue.serviceLevelTarget), seconds: queue.serviceLevelSec })}
        </Badge>
      </Group>
      <FiguresGrid figures={queue.figures} prefix={`queue-${queue.name}`} serviceLevelSec={queue.serviceLevelSec} serviceLevelTarget={queue.serviceLevelTarget} />
    </Card>
  );
}

/** 企業別の合計: the sum of a company's queues, held to its strictest SL promise. */
export function TenantTotals({ tenant, queues }: { tenant: WallboardTenant; queues: WallboardQueue[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const sl = tenantServiceLevel(queues, tenant.tenantId);
  return (
    <Card withBorder radius="md" padding="sm" component="section" aria-labelledby={headingId} bg="indigo.0" data-testid={`tenant-${tenant.slug}`}>
      <Stack gap="xs">
        <Title order={2} size="h3" id={headingId}>
          {t('wallboard.tenantTotal', { name: tenant.name })}
        </Title>
        <FiguresGrid figures={tenant.totals} prefix={`tenant-${tenant.slug}`} serviceLevelSec={sl.seconds} serviceLevelTarget={sl.target} />
      </Stack>
    </Card>
  );
}
