import { Badge, Card, Group, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENT_ACTIVITIES, ROUTING_CHANNELS, type WallboardAgent } from '../../api/routing-types.js';
import { formatDuration, secondsSince } from '../../common/durations.js';
import { useNow } from '../../common/use-now.js';
import { activityColor } from '../desk/activity.js';
import { countByActivity, sortAgents } from './thresholds.js';

export interface AgentsTableProps {
  agents: WallboardAgent[];
  tenantNames: ReadonlyMap<string, string>;
}

/** Agents by state (受付可, 対応中, 後処理, 休憩 …) with the time in that state, ticking. */
export function AgentsTable({ agents, tenantNames }: AgentsTableProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const now = useNow();
  const counts = countByActivity(agents);
  const sorted = sortAgents(agents);
  const loadText = (agent: WallboardAgent) =>
    ROUTING_CHANNELS.filter((c) => (agent.load[c] ?? 0) > 0)
      .map((c) => `${t(`routingChannels.${c}`)} ${agent.load[c]}`)
      .join('・');
  return (
    <Card withBorder radius="md" padding="sm" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h3" id={headingId}>
          {t('wallboard.agents')}
        </Title>
        <Group gap="xs">
          {AGENT_ACTIVITIES.map((activity) => (
            <Badge key={activity} size="lg" variant="light" color={activityColor(activity)} data-testid={`agents-count-${activity}`}>
              {t(`activities.${activity}`)} {counts[activity]}
            </Badge>
          ))}
        </Group>
      </Group>
      {sorted.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('wallboard.noAgents')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table fz="md" verticalSpacing={6} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('wallboard.agentName')}</Table.Th>
                <Table.Th>{t('wallboard.agentState')}</Table.Th>
                <Table.Th ta="right">{t('wallboard.timeInState')}</Table.Th>
                <Table.Th>{t('wallboard.load')}</Table.Th>
                <Table.Th>{t('wallboard.tenants')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((agent) => (
                <Table.Tr key={agent.agentId} data-testid={`agent-${agent.name}`}>
                  <Table.Td fw={600}>{agent.name}</Table.Td>
                  <Table.Td>
                    <Badge color={activityColor(agent.activity)} variant="filled" tt="none" data-testid={`agent-${agent.name}-state`} data-activity={agent.activity}>
                      {t(`activities.${agent.activity}`, { defaultValue: agent.activity })}
                      {agent.activity === 'break' && agent.reason ? `（${agent.reasonLabel ?? agent.reason}）` : ''}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace" fw={700}>
                    {formatDuration(secondsSince(agent.since, now))}
                  </Table.Td>
                  <Table.Td>{loadText(agent) || t('common.none')}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {agent.tenantIds.map((id) => tenantNames.get(id) ?? '').filter(Boolean).join('、')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
