import { Badge, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoutingAgent } from '../../api/routing-types.js';
import { AdminList } from './admin-list.js';
import { capacitySummary } from './agent-form.js';
import { AgentFormModal } from './agent-form-modal.js';
import { useRoutingAgents, useSkills } from './routing-admin.queries.js';

/** エージェント: PBX extension, capacity per channel, voice blocking, and skill levels in this company. */
export function AgentsTab() {
  const { t } = useTranslation();
  const agents = useRoutingAgents();
  const skills = useSkills();
  const [editing, setEditing] = useState<RoutingAgent | null>(null);
  const skillName = new Map((skills.data ?? []).map((s) => [s.id, s.name]));
  return (
    <>
      <AdminList
        query={agents}
        addLabel=""
        emptyText={t('routingAdmin.agents.empty')}
        head={
          <>
            <Table.Th>{t('routingAdmin.agents.name')}</Table.Th>
            <Table.Th>{t('routingAdmin.agents.extension')}</Table.Th>
            <Table.Th>{t('routingAdmin.agents.capacity')}</Table.Th>
            <Table.Th>{t('routingAdmin.agents.blocking')}</Table.Th>
            <Table.Th>{t('routingAdmin.agents.skills')}</Table.Th>
          </>
        }
        cells={(agent) => (
          <>
            <Table.Td>
              <Text fw={600} size="sm">
                {agent.displayName}
              </Text>
              {agent.email && (
                <Text size="xs" c="dimmed">
                  {agent.email}
                </Text>
              )}
              {agent.hasProfile === false && (
                <Badge size="xs" color="orange" variant="light">
                  {t('routingAdmin.agents.noProfile')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td ff="monospace" data-testid={`agent-extension-${agent.userId}`}>
              {agent.extension ?? t('common.none')}
            </Table.Td>
            <Table.Td>{capacitySummary(agent.capacity ?? {}, (c) => t(`routingChannels.${c}`)) || t('routingAdmin.agents.noCapacity')}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                {agent.voiceBlocksOthers && <Badge size="sm" variant="outline">{t('routingAdmin.agents.voiceBlocksOthersShort')}</Badge>}
                {agent.othersBlockVoice && <Badge size="sm" variant="outline">{t('routingAdmin.agents.othersBlockVoiceShort')}</Badge>}
              </Group>
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                {(agent.skills ?? []).map((s) => (
                  <Badge key={s.skillId} size="sm" variant="light">
                    {skillName.get(s.skillId) ?? s.skillId} {s.level}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
          </>
        )}
        rowKey={(agent) => agent.userId}
        rowName={(agent) => agent.displayName}
        onEdit={setEditing}
      />
      <AgentFormModal agent={editing} onClose={() => setEditing(null)} skills={skills.data ?? []} />
    </>
  );
}
