import { Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TalkFlowGraph } from '../../../../core/talk-flow/talk-flow.types.js';
import { LoadError, LoadingState } from '../../common/load-state.js';
import { useTalkFlowStats } from './talk-flow.queries.js';

const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

/** Where calls go in a flow: runs, answers taken and how often each branch ends in escalation, outcomes. */
export function TalkFlowStatsView({ flowId, version, graph }: { flowId: string; version: number | null; graph: TalkFlowGraph }) {
  const { t } = useTranslation();
  const stats = useTalkFlowStats(flowId, version);
  if (stats.isPending) return <LoadingState />;
  if (stats.isError) return <LoadError error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  const textOf = (nodeId: string) => graph.nodes.find((n) => n.id === nodeId)?.text ?? nodeId;
  const choices = [...s.choices].sort((a, b) => (b.escalationShare ?? -1) - (a.escalationShare ?? -1) || b.runs - a.runs);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {(['total', 'completed', 'abandoned', 'inProgress'] as const).map((k) => (
          <Stack key={k} gap={0}>
            <Text size="xs" c="dimmed">
              {t(`talkFlows.stats.runs.${k}`)}
            </Text>
            <Text fw={700} size="lg">
              {s.runs[k]}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      <Text fw={600}>{t('talkFlows.stats.branches')}</Text>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('talkFlows.stats.question')}</Table.Th>
            <Table.Th>{t('talkFlows.stats.answer')}</Table.Th>
            <Table.Th>{t('talkFlows.stats.taken')}</Table.Th>
            <Table.Th>{t('talkFlows.stats.escalated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {choices.map((c) => (
            <Table.Tr key={`${c.nodeId}:${c.choiceId}`}>
              <Table.Td>{textOf(c.nodeId)}</Table.Td>
              <Table.Td>{c.label}</Table.Td>
              <Table.Td>{c.runs}</Table.Td>
              <Table.Td>
                <Badge color={(c.escalationShare ?? 0) >= 0.5 ? 'red' : (c.escalationShare ?? 0) > 0 ? 'yellow' : 'gray'} variant="light">
                  {percent(c.escalationShare)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fw={600}>{t('talkFlows.stats.outcomes')}</Text>
      <Group gap="xs">
        {s.outcomes.map((o) => (
          <Badge key={o.nodeId} variant="outline" size="lg">
            {textOf(o.nodeId)} · {t(`talkFlows.outcomes.${o.kind}`)} · {o.count}
          </Badge>
        ))}
      </Group>
      {s.nodes.some((n) => n.dropOffs > 0) && (
        <>
          <Text fw={600}>{t('talkFlows.stats.dropOffs')}</Text>
          <Group gap="xs">
            {s.nodes
              .filter((n) => n.dropOffs > 0)
              .map((n) => (
                <Badge key={n.nodeId} color="orange" variant="light">
                  {textOf(n.nodeId)} · {n.dropOffs}
                </Badge>
              ))}
          </Group>
        </>
      )}
    </Stack>
  );
}
