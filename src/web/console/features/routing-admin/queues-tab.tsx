import { Badge, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoutingQueue } from '../../api/routing-types.js';
import { formatPercent } from '../../common/durations.js';
import { AdminList } from './admin-list.js';
import { QueueFormModal } from './queue-form-modal.js';
import { useHoursList, useQueues, useRemoveQueue, useSkills } from './routing-admin.queries.js';

/** キュー: required skills, priority and timers, service level, sticky routing, overflow and hours. */
export function QueuesTab() {
  const { t } = useTranslation();
  const queues = useQueues();
  const skills = useSkills();
  const hours = useHoursList();
  const remove = useRemoveQueue();
  const [editing, setEditing] = useState<RoutingQueue | 'new' | null>(null);
  const skillName = new Map((skills.data ?? []).map((s) => [s.id, s.name]));
  const hoursName = new Map((hours.data ?? []).map((h) => [h.id, h.name]));
  const sec = t('routingAdmin.sec');
  return (
    <>
      <AdminList
        query={queues}
        addLabel={t('routingAdmin.queues.add')}
        onAdd={() => setEditing('new')}
        emptyText={t('routingAdmin.queues.empty')}
        head={
          <>
            <Table.Th>{t('routingAdmin.queues.name')}</Table.Th>
            <Table.Th>{t('routingAdmin.queues.requiredSkills')}</Table.Th>
            <Table.Th ta="right">{t('routingAdmin.queues.priority')}</Table.Th>
            <Table.Th>{t('routingAdmin.queues.serviceLevel')}</Table.Th>
            <Table.Th>{t('routingAdmin.queues.hours')}</Table.Th>
          </>
        }
        cells={(queue) => (
          <>
            <Table.Td fw={600}>{queue.name}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                {queue.requiredSkills.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('routingAdmin.queues.noSkills')}
                  </Text>
                ) : (
                  queue.requiredSkills.map((r) => (
                    <Badge key={r.skillId} variant="light" size="sm">
                      {skillName.get(r.skillId) ?? r.skillId} ≥ {r.minLevel}
                    </Badge>
                  ))
                )}
              </Group>
            </Table.Td>
            <Table.Td ta="right">{queue.priority}</Table.Td>
            <Table.Td>
              {formatPercent(queue.serviceLevelTarget)} / {queue.serviceLevelSec}
              {sec}
            </Table.Td>
            <Table.Td>{queue.hoursId ? (hoursName.get(queue.hoursId) ?? '—') : t('routingAdmin.queues.alwaysOpen')}</Table.Td>
          </>
        )}
        rowKey={(queue) => queue.id}
        rowName={(queue) => queue.name}
        onEdit={setEditing}
        onDelete={(queue) => remove.mutateAsync(queue.id)}
      />
      <QueueFormModal queue={editing} onClose={() => setEditing(null)} skills={skills.data ?? []} queues={queues.data ?? []} hours={hours.data ?? []} />
    </>
  );
}
