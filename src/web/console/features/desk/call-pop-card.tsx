import { Anchor, Badge, Card, CloseButton, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconPhoneCall, IconPhoneIncoming, IconPhoneOff, IconPhoneOutgoing, IconSearch } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallPop } from '../../api/routing-types.js';
import { formatPhone } from '../../../ui/format/phone.js';
import { tenantPath } from '../../common/paths.js';
import { useTenant } from '../auth/tenant-context.js';
import { notifyError } from '../../common/errors.js';
import { useLinkCallCustomer } from '../calls/call.queries.js';
import { useCustomerOverview } from '../customers/customer.queries.js';
import { VipBadge } from '../customers/vip-badge.js';
import { callPopNumber } from './call-pop.js';
import { CustomerOverviewPop } from './screen-pop.js';
import { UnknownCaller } from './unknown-caller.js';
import { WorkItemTenant } from './work-item-tenant.js';

export interface CallPopCardProps {
  call: CallPop;
  onDismiss: () => void;
}

/**
 * The screen pop of a telephone call at the agent's extension (CTI): 着信 while it rings, 通話中 once
 * answered, with the number, the customer the number belongs to (VIP marked) and their 360 summary — or 未登録の番号
 * with a quick registration and a search by the number. Works in the call's tenant.
 */
export function CallPopCard({ call, onDismiss }: CallPopCardProps) {
  return (
    <WorkItemTenant tenantId={call.tenantId}>
      <CallPopBody call={call} onDismiss={onDismiss} />
    </WorkItemTenant>
  );
}

function CallPopBody({ call, onDismiss }: CallPopCardProps) {
  const { t } = useTranslation();
  const { slug, membership, can } = useTenant();
  const headingId = useId();
  // A customer registered here for an unknown number; the call is linked to them (its call log entry).
  const [createdId, setCreatedId] = useState<string | null>(null);
  const link = useLinkCallCustomer();
  const ringing = call.status === 'ringing';
  const ended = call.status === 'ended';
  const number = callPopNumber(call);
  const heading = ended
    ? call.outcome === 'missed' ? t('callPop.missed') : t('callPop.ended')
    : !ringing ? t('callPop.answered') : call.direction === 'out' ? t('callPop.dialling') : t('callPop.ringing');
  const Icon = ended ? IconPhoneOff : !ringing ? IconPhoneCall : call.direction === 'out' ? IconPhoneOutgoing : IconPhoneIncoming;
  const color = ended ? 'gray' : ringing ? 'orange' : 'teal';
  const customerId = call.customerId ?? createdId;
  // The same query as the 360 summary below (one request): the VIP mark sits beside the name in the header.
  const vip = useCustomerOverview(customerId ?? '').data?.customer.vip === true;
  const searchHref = `${tenantPath(slug)}/customers?q=${encodeURIComponent(formatPhone(number))}`;
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="section"
      aria-labelledby={headingId}
      data-testid="call-pop"
      data-status={call.status}
      data-call-id={call.id}
      style={{ borderColor: `var(--mantine-color-${color}-5)`, borderWidth: 2 }}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon color={color} size="xl" radius="xl" aria-hidden className={ringing ? 'madoguchi-ringing' : undefined}>
              <Icon size={22} />
            </ThemeIcon>
            <div>
              <Title order={2} size="h3" id={headingId}>
                {heading}
              </Title>
              <Group gap="xs" wrap="wrap">
                <Text fw={700} size="lg" ff="monospace" data-testid="call-pop-number">
                  {formatPhone(number)}
                </Text>
                <Text fw={700} size="lg" data-testid="call-pop-customer">
                  {call.customerName ?? t('callPop.unknownNumber')}
                </Text>
                {vip && <VipBadge size="lg" />}
              </Group>
              <Group gap="xs" wrap="wrap">
                <Badge variant="light" color="gray">
                  {membership.tenantName}
                </Badge>
                {call.queue && (
                  <Text size="sm" c="dimmed">
                    {t('callPop.queue', { queue: call.queue })}
                  </Text>
                )}
              </Group>
            </div>
          </Group>
          <CloseButton onClick={onDismiss} aria-label={t('callPop.dismiss')} />
        </Group>
        {customerId ? (
          <CustomerOverviewPop customerId={customerId} wide />
        ) : (
          <UnknownCaller from={formatPhone(number)} title={t('callPop.unknownNumber')} onCreated={(customer) => {
            setCreatedId(customer.id);
            link.mutate({ callId: call.id, customerId: customer.id }, { onError: notifyError });
          }}>
            {can('customers:read') && (
              <Anchor href={searchHref} target="_blank" rel="noopener" size="sm">
                <Group gap={4} component="span">
                  <IconSearch size={14} aria-hidden />
                  {t('callPop.search')}
                </Group>
              </Anchor>
            )}
          </UnknownCaller>
        )}
      </Stack>
    </Card>
  );
}
