import { Badge, Button, Card, Grid, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconCheck, IconDeviceFloppy, IconPlus } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { validateTalkFlow } from '../../../../core/talk-flow/talk-flow-validator.js';
import type { TalkFlowGraph, TalkFlowNode } from '../../../../core/talk-flow/talk-flow.types.js';
import { PageHeader } from '../../../ui/page-header.js';
import { notifyError, notifySuccess } from '../../common/errors.js';
import { FlowProblemList } from '../../common/flow-problems.js';
import { problemNodeIds } from '../../common/graph-layout.js';
import { LoadingState, RecordLoadError } from '../../common/load-state.js';
import { useTenant } from '../auth/tenant-context.js';
import { FlowCanvas } from './flow-canvas.js';
import { addNode, moveNode, removeNode, replaceNode } from './graph-edit.js';
import { NodeEditor } from './node-editor.js';
import { TalkFlowStatsView } from './talk-flow-stats.js';
import { usePublishTalkFlow, useSaveTalkFlow, useTalkFlow } from './talk-flow.queries.js';

/** /t/:tenant/talk-flows/:id — draw and check a talk flow, save it as a version, publish it. */
export function TalkFlowEditorPage() {
  const { t, i18n } = useTranslation();
  const { can } = useTenant();
  const { id = '' } = useParams();
  const flow = useTalkFlow(id);
  const save = useSaveTalkFlow(id);
  const publish = usePublishTalkFlow(id);
  const [graph, setGraph] = useState<TalkFlowGraph | null>(null);
  const [dirty, setDirty] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  useEffect(() => {
    if (flow.data && !dirty) setGraph((flow.data.latest ?? flow.data.published)?.graph ?? null);
  }, [flow.data, dirty]);
  const problems = useMemo(() => (graph ? validateTalkFlow(graph) : []), [graph]);
  const problemNodes = useMemo(() => problemNodeIds(problems), [problems]);
  if (flow.isPending || (flow.isSuccess && !graph)) return <LoadingState />;
  if (flow.isError) return <RecordLoadError error={flow.error} onRetry={() => void flow.refetch()} />;
  const f = flow.data;
  const g = graph as TalkFlowGraph;
  const editable = can('talkflow:write') && f.latest !== null;
  const edit = (next: TalkFlowGraph) => {
    setGraph(next);
    setDirty(true);
  };
  const selected = g.nodes.find((n) => n.id === selectedId) ?? null;
  const add = (type: TalkFlowNode['type']) => {
    const r = addNode(g, type, { x: 40 + g.nodes.length * 12, y: 40 + g.nodes.length * 12 }, t(`talkFlows.newText.${type}`));
    edit(r.graph);
    setSelectedId(r.id);
  };
  const onSave = () =>
    save.mutate(
      { graph: g, baseVersion: f.latestVersion },
      { onSuccess: () => { setDirty(false); notifySuccess(t('talkFlows.saved')); }, onError: notifyError },
    );
  const onPublish = () =>
    publish.mutate({ version: f.latestVersion }, { onSuccess: () => notifySuccess(t('talkFlows.published')), onError: notifyError });
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  return (
    <Stack gap="md">
      <PageHeader
        title={f.name}
        actions={
          editable && (
            <Group gap="xs">
              <Button leftSection={<IconDeviceFloppy size={16} aria-hidden />} onClick={onSave} loading={save.isPending} disabled={!dirty}>
                {t('common.save')}
              </Button>
              <Button color="teal" leftSection={<IconCheck size={16} aria-hidden />} onClick={onPublish} loading={publish.isPending} disabled={dirty || problems.length > 0 || f.publishedVersion === f.latestVersion}>
                {t('talkFlows.publish')}
              </Button>
            </Group>
          )
        }
      />
      <Group gap="xs">
        <Badge color={f.status === 'published' ? 'teal' : 'gray'}>{t(`talkFlows.status.${f.status}`)}</Badge>
        <Text size="sm" c="dimmed">
          {t('talkFlows.versionInfo', { latest: f.latestVersion, published: f.publishedVersion ?? '—' })}
        </Text>
        {dirty && <Badge color="yellow">{t('talkFlows.unsaved')}</Badge>}
      </Group>
      <Tabs defaultValue="edit" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="edit">{t('talkFlows.editTab')}</Tabs.Tab>
          {editable && <Tabs.Tab value="stats">{t('talkFlows.stats.tab')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="stats" pt="md">
          <TalkFlowStatsView flowId={f.id} version={f.publishedVersion} graph={f.published?.graph ?? g} />
        </Tabs.Panel>
        <Tabs.Panel value="edit" pt="md">
          <Stack gap="md">
            <FlowProblemList
              problems={problems.map((p) => ({ nodeId: p.nodeId, nodeIds: p.nodeIds, text: p.message[lang] }))}
              title={t('talkFlows.problems', { count: problems.length })}
              validText={t('talkFlows.valid')}
              onPick={setSelectedId}
            />
            <Grid gutter="md">
              <Grid.Col span={{ base: 12, lg: 8 }}>
                {editable && (
                  <Group gap="xs" mb="xs">
                    {(['question', 'info', 'end'] as const).map((type) => (
                      <Button key={type} size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => add(type)}>
                        {t(`talkFlows.add.${type}`)}
                      </Button>
                    ))}
                  </Group>
                )}
                <FlowCanvas
                  graph={g}
                  selectedId={selectedId}
                  problemNodes={problemNodes}
                  onSelect={setSelectedId}
                  onMove={(nodeId, position) => edit(moveNode(g, nodeId, position))}
                  typeLabel={(type) => t(`talkFlows.types.${type}`)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 4 }}>
                <Card withBorder radius="md" padding="md">
                  {selected && editable ? (
                    <NodeEditor
                      graph={g}
                      node={selected}
                      onChange={(node) => edit(replaceNode(g, node))}
                      onRemove={() => {
                        edit(removeNode(g, selected.id));
                        setSelectedId(null);
                      }}
                      onMakeStart={() => edit({ ...g, start: selected.id })}
                    />
                  ) : (
                    <Text c="dimmed" size="sm">
                      {t('talkFlows.pickNode')}
                    </Text>
                  )}
                </Card>
              </Grid.Col>
            </Grid>
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
