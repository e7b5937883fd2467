import { Badge, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../api/types.js';
import type { RoutingChannel, WorkItem } from '../../api/routing-types.js';
import { ChannelIcon } from '../interactions/channel-icon.js';

const CRM_CHANNEL: Record<RoutingChannel, Channel> = { voice: 'phone', chat: 'chat', email: 'email', line: 'line', web: 'web' };

/** The interaction channel a routing channel is recorded as (voice → 電話). */
export function crmChannel(channel: RoutingChannel): Channel {
  return CRM_CHANNEL[channel] ?? 'web';
}

/** Who is calling (the customer, else the number), for tab labels and headings. */
export function callerName(item: WorkItem, unknownLabel: string): string {
  return item.screenPop?.customer.name ?? item.contact.from ?? unknownLabel;
}

/** `label: value` in a line of small text; `code` (a number, a serial) is set in monospace. */
function Fact({ label, children, code }: { label: string; children?: ReactNode; code?: string }) {
  return (
    <Text size="sm">
      <Text span c="dimmed">
        {label}:
      </Text>{' '}
      {code === undefined ? (
        children
      ) : (
        <Text span ff="monospace">
          {code}
        </Text>
      )}
    </Text>
  );
}

/** Channel, queue, tenant and caller of a contact on one line. */
export function ContactSummary({ item }: { item: WorkItem }) {
  const { t } = useTranslation();
  const { contact } = item;
  return (
    <Group gap="xs" wrap="wrap">
      <Badge variant="light" leftSection={<ChannelIcon channel={crmChannel(contact.channel)} size={12} />}>
        {t(`routingChannels.${contact.channel}`, { defaultValue: contact.channel })}
      </Badge>
      {contact.kind === 'callback' && (
        <Badge variant="light" color="grape">
          {t('desk.callbackKind')}
        </Badge>
      )}
      <Fact label={t('desk.queue')}>{item.queueName}</Fact>
      <Fact label={t('desk.tenant')}>{item.tenantName}</Fact>
      {contact.from && <Fact label={t('desk.from')} code={contact.from} />}
      {contact.serial && <Fact label={t('desk.serial')} code={contact.serial} />}
      {contact.subject && (
        <Text size="sm" fw={600}>
          {contact.subject}
        </Text>
      )}
    </Group>
  );
}
