import { Badge, Group, Tabs, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkItem } from '../../api/routing-types.js';
import { ChannelIcon } from '../interactions/channel-icon.js';
import { callerName, crmChannel } from './contact-summary.js';

export interface WorkTabsProps {
  items: WorkItem[];
  active: string | null;
  onChange: (contactId: string) => void;
  /** The panel of one contact. */
  children: (item: WorkItem) => ReactNode;
}

/** The contacts the agent holds at once (a call, or up to several chats), one tab each. */
export function WorkTabs({ items, active, onChange, children }: WorkTabsProps) {
  const { t } = useTranslation();
  // A BPO agent holding contacts of several companies sees which company each tab is for.
  const severalTenants = new Set(items.map((item) => item.tenantSlug)).size > 1;
  return (
    <Tabs value={active} onChange={(value) => value && onChange(value)} keepMounted variant="outline">
      <Tabs.List aria-label={t('desk.workList')}>
        {items.map((item) => (
          <Tabs.Tab key={item.contact.id} value={item.contact.id} leftSection={<ChannelIcon channel={crmChannel(item.contact.channel)} size={16} />}>
            <Group gap={6} wrap="nowrap">
              {callerName(item, t('desk.unknownCaller'))}
              {severalTenants && (
                <Text span size="xs" c="dimmed">
                  {item.tenantName}
                </Text>
              )}
              <Badge size="xs" variant="light" color={item.phase === 'wrap_up' ? 'violet' : 'blue'}>
                {item.phase === 'wrap_up' ? t('desk.phaseWrapUp') : t('desk.phaseConnected')}
              </Badge>
            </Group>
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {items.map((item) => (
        <Tabs.Panel key={item.contact.id} value={item.contact.id} pt="sm">
          {children(item)}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
