import { Card, Tabs } from '@mantine/core';
import { IconBook, IconGitBranch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useTenant } from '../auth/tenant-context.js';
import { KnowledgeAssist } from '../knowledge/knowledge-assist.js';
import { TalkFlowRunner } from '../talk-flows/talk-flow-runner.js';
import type { TalkFlowRun } from '../talk-flows/talk-flow.queries.js';

/** Knowledge suggestions and the talk flow runner beside the contact; answers go into the notes. */
export function AssistTabs(props: {
  interactionId?: string | undefined;
  customerId: string | null;
  contextText: string;
  onUse: (text: string) => void;
  onFlowEnd?: (run: TalkFlowRun) => void;
}) {
  const { t } = useTranslation();
  const { can } = useTenant();
  const runFlows = can('talkflow:run');
  return (
    <Card withBorder radius="md" padding="sm">
      <Tabs defaultValue="knowledge" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="knowledge" leftSection={<IconBook size={14} aria-hidden />}>
            {t('knowledge.title')}
          </Tabs.Tab>
          {runFlows && (
            <Tabs.Tab value="flow" leftSection={<IconGitBranch size={14} aria-hidden />}>
              {t('talkFlows.runner.title')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="knowledge" pt="sm">
          <KnowledgeAssist contextText={props.contextText} customerId={props.customerId} onUse={props.onUse} />
        </Tabs.Panel>
        {runFlows && (
          <Tabs.Panel value="flow" pt="sm">
            <TalkFlowRunner interactionId={props.interactionId} customerId={props.customerId ?? undefined} onCopy={props.onUse} onEnd={props.onFlowEnd} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Card>
  );
}
