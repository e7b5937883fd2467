import { Stack, Tabs } from '@mantine/core';
import { ForbiddenNotice } from '../../common/forbidden-notice.js';
import { IconBolt, IconCalendarTime, IconListDetails, IconTags, IconUsersGroup } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../ui/page-header.js';
import { useTenant } from '../auth/tenant-context.js';
import { AgentsTab } from './agents-tab.js';
import { HoursTab } from './hours-tab.js';
import { QueuesTab } from './queues-tab.js';
import { ReasonCodesTab } from './reason-codes-tab.js';
import { SkillsTab } from './skills-tab.js';

const TABS = ['skills', 'queues', 'agents', 'hours', 'reasons'] as const;
type Tab = (typeof TABS)[number];

const ICONS = { skills: IconBolt, queues: IconListDetails, agents: IconUsersGroup, hours: IconCalendarTime, reasons: IconTags } as const;

const PANELS: Record<Tab, ComponentType> = { skills: SkillsTab, queues: QueuesTab, agents: AgentsTab, hours: HoursTab, reasons: ReasonCodesTab };

function isTab(value: string | null): value is Tab {
  return (TABS as readonly (string | null)[]).includes(value);
}

/**
 * ルーティング設定 of one client company: skills, queues, agents, business hours and reason codes.
 * The tab is in the URL (`?tab=queues`), so a link opens the right one.
 */
export function RoutingAdminPage() {
  const { t } = useTranslation();
  const { can, membership } = useTenant();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = isTab(raw) ? raw : 'queues';

  if (!can('routing:admin')) {
    return <ForbiddenNotice />;
  }

  return (
    <Stack gap="md">
      <PageHeader title={t('routingAdmin.title')} subtitle={membership.tenantName} />
      <Tabs value={tab} onChange={(value) => isTab(value) && setParams({ tab: value }, { replace: true })} keepMounted={false}>
        <Tabs.List aria-label={t('routingAdmin.title')}>
          {TABS.map((name) => {
            const Icon = ICONS[name];
            return (
              <Tabs.Tab key={name} value={name} leftSection={<Icon size={16} aria-hidden />}>
                {t(`routingAdmin.tabs.${name}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        {TABS.map((name) => {
          const Panel = PANELS[name];
          return (
            <Tabs.Panel key={name} value={name} pt="md">
              <Panel />
            </Tabs.Panel>
          );
        })}
      </Tabs>
    </Stack>
  );
}
