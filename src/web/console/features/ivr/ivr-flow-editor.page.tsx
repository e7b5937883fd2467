import { Alert, Badge, Button, Card, Grid, Group, Menu, Select, Stack, Tabs, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { IconCheck, IconChevronDown, IconDeviceFloppy, IconPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { IvrFlow, IvrNodeType } from '../../../../core/ivr/ivr.types.js';
import { PageHeader } from '../../../ui/page-header.js';
import { ApiError } from '../../api/client.js';
import { notifyError, notifySuccess } from '../../common/errors.js';
import { FlowProblemList } from '../../common/flow-problems.js';
import { problemNodeIds } from '../../common/graph-layout.js';
import { LoadingState, RecordLoadError } from '../../common/load-state.js';
import { tenantPath } from '../../common/paths.js';
import { useTenant } from '../auth/tenant-context.js';
import { useQueues, useSkills } from '../routing-admin/routing-admin.queries.js';
import { IvrCanvas } from './ivr-canvas.js';
import { IVR_NODE_TYPES, addIvrNode, ivrDraftIssues, ivrDraftProblems, removeIvrNode, replaceIvrNode, type NewNodeTexts } from './ivr-flow-edit.js';
import { draftIssueText, nodeOptionLabel } from './ivr-labels.js';
import { IvrNodeEditor } from './ivr-node-editor.js';
import { IvrTestPanel } from './ivr-test-panel.js';
import { useIvrFlow, usePublishIvrFlow, useSaveIvrFlow, type IvrFlowDetail } from './ivr.queries.js';

/** What the editor changes: the flow and the flow's settings, saved together as a new version. */
interface Draft {
  flow: IvrFlow;
  name: string;
  description: string;
  numbers: string[];
}

const draftOf = (f: IvrFlowDetail): Draft => ({ flow: f.latest.flow as IvrFlow, name: f.name, description: f.description, numbers: f.numbers });

/** Why a save was refused, in words for the admin (field errors name the node they belong to). */
function saveRefusal(t: (key: string, options?: Record<string, unknown>) => string, error: ApiError, sent: Draft): { title: string; lines: string[] } | null {
  if (error.status === 409 && error.reason === 'number_taken') {
    const numbers = error.detail.match(/\+\d+/g) ?? [];
    return { title: t('ivr.refusals.number_taken', { numbers: numbers.join(', ') || sent.numbers.join(', ') }), lines: [] };
  }
  if (error.status === 409 && error.reason === 'duplicate') return { title: t('ivr.refusals.duplicate'), lines: [] };
  if (error.status === 400) {
    const lines = Object.entries(error.fieldErrors).map(([path, message]) => {
      const node = /^flow\.nodes\.(\d+)/.exec(path);
      if (node) return `${sent.flow.nodes[Number(node[1])]?.id ?? path}: ${message}`;
      if (path.startsWith('numbers')) return `${t('ivr.numbers')}: ${message}`;
      return `${path}: ${message}`;
    });
    return { title: t('ivr.refusals.invalid'), lines: lines.length ? lines : [error.detail] };
  }
  return null;
}

/**
 * /t/:tenant/ivr-flows/:id — draw an IVR flow, check it, save it as a version (409 when someone saved
 * meanwhile), publish it (422 lists each problem by node), and walk it in a test call.
 */
export function IvrFlowEditorPage() {
  const { t, i18n } = useTranslation();
  const { can, slug } = useTenant();
  const { id = '' } = useParams();
  const flow = useIvrFlow(id);
  const save = useSaveIvrFlow(id);
  const publish = usePublishIvrFlow(id);
  const queues = useQueues();
  const skills = useSkills();
  const [draft, setDraft] = useState<Draft | null>(null);
  /** The version the draft started from: a save goes on top of it, or is refused. */
  const [baseVersion, setBaseVersion] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [tab, setTab] = useState<string | null>('node');
  const [conflict, setConflict] = useState<{ latest: number } | null>(null);
  const [refusal, setRefusal] = useState<{ title: string; lines: string[] } | null>(null);
  const [publishRefused, setPublishRefused] = useState(false);

  useEffect(() => {
    if (!flow.data || dirty) return;
    setDraft(draftOf(flow.data));
    setBaseVersion(flow.data.latestVersion);
    setConflict(null);
  }, [flow.data, dirty]);

  const queueName = useCallback((qid: string) => queues.data?.find((q) => q.id === qid)?.name ?? null, [queues.data]);
  const draftIssues = useMemo(() => (draft ? ivrDraftIssues(draft.flow) : []), [draft]);
  // A saved draft shows the server's problems (they include the tenant's queues); an edited one the core validator's.
  const problems = useMemo(() => (!draft ? [] : dirty || !flow.data ? ivrDraftProblems(draft.flow) : flow.data.latest.problems), [draft, dirty, flow.data]);
  const problemNodes = useMemo(() => problemNodeIds([...draftIssues, ...problems]), [draftIssues, problems]);

  if (flow.isPending || (flow.isSuccess && !draft)) return <LoadingState />;
  if (flow.isError) return <RecordLoadError error={flow.error} onRetry={() => void flow.refetch()} />;
  const f = flow.data;
  const d = draft as Draft;
  const editable = can('ivr:write');
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const selected = d.flow.nodes.find((n) => n.id === selectedId) ?? null;

  const edit = (next: Partial<Draft>) => {
    setDraft({ ...d, ...next });
    setDirty(true);
    setPublishRefused(false);
  };
  const texts: NewNodeTexts = {
    say: t('ivr.newText.say'), menu: t('ivr.newText.menu'), gather: t('ivr.newText.gather'), enqueue: t('ivr.newText.enqueue'),
    voicemail: t('ivr.newText.voicemail'), callback: t('ivr.newText.callback'), transfer: t('ivr.newText.transfer'), hangup: t('ivr.newText.hangup'),
  };
  const add = (type: IvrNodeType) => {
    const r = addIvrNode(d.flow, type, texts);
    edit({ flow: r.flow });
    setSelectedId(r.id);
    setTab('node');
  };
  const pick = (nodeId: string | null) => {
    setSelectedId(nodeId);
    if (nodeId) setTab('node');
  };
  const reload = () => {
    setDirty(false);
    setConflict(null);
    setRefusal(null);
    void flow.refetch();
  };
  const onSave = () => {
    const sent = d;
    save.mutate(
      { baseVersion, flow: sent.flow, name: sent.name.trim(), description: sent.description, numbers: sent.numbers },
      {
        onSuccess: (saved) => {
          setDirty(false);
          setRefusal(null);
          setConflict(null);
          notifySuccess(t('ivr.saved', { version: saved.latestVersion }));
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409 && error.reason === 'version_conflict') {
            void flow.refetch().then((r) => setConflict({ latest: r.data?.latestVersion ?? baseVersion + 1 }));
            return;
          }
          const words = error instanceof ApiError ? saveRefusal(t, error, sent) : null;
          if (words) setRefusal(words);
          else notifyError(error);
        },
      },
    );
  };
  const onPublish = () =>
    publish.mutate(
      { version: baseVersion },
      {
        onSuccess: (published) => {
          setPublishRefused(false);
          notifySuccess(t('ivr.published', { version: published.publishedVersion }));
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 422) {
            // The refusal names each problem in English only; the flow's own list has both languages.
            setPublishRefused(true);
            void flow.refetch();
            return;
          }
          notifyError(error);
        },
      },
    );

  const queueChoices = (queues.data ?? []).map((q) => ({ value: q.id, label: q.name }));
  const skillChoices = (skills.data ?? []).map((s) => ({ value: s.id, label: s.name }));
  return (
    <Stack gap="md">
      <PageHeader
        title={f.name}
        back={{ to: `${tenantPath(slug)}/ivr-flows`, label: t('ivr.title') }}
        actions={
          editable && (
            <Group gap="xs">
              <Button leftSection={<IconDeviceFloppy size={16} aria-hidden />} onClick={onSave} loading={save.isPending} disabled={!dirty || draftIssues.length > 0 || conflict !== null || d.name.trim() === ''}>
                {t('common.save')}
              </Button>
              <Button color="teal" leftSection={<IconCheck size={16} aria-hidden />} onClick={onPublish} loading={publish.isPending} disabled={dirty || f.publishedVersion === baseVersion}>
                {t('ivr.publish')}
              </Button>
            </Group>
          )
        }
      />
      <Group gap="xs">
        <Badge color={f.status === 'published' ? 'teal' : 'gray'} data-testid="ivr-status">
          {t(`ivr.status.${f.status}`)}
        </Badge>
        <Text size="sm" c="dimmed">
          {t('ivr.versionInfo', { latest: f.latestVersion, published: f.publishedVersion ? t('ivr.versionNumber', { version: f.publishedVersion }) : t('ivr.notPublished') })}
        </Text>
        <Text size="sm" c="dimmed" data-testid="ivr-numbers">
          {d.numbers.join(', ') || t('ivr.noNumbers')}
        </Text>
        {dirty && <Badge color="yellow">{t('ivr.unsaved')}</Badge>}
      </Group>
      {conflict && (
        <Alert color="red" title={t('ivr.conflict.title')} role="alert" data-testid="ivr-conflict">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('ivr.conflict.body', { latest: conflict.latest, base: baseVersion })}</Text>
            <Button size="xs" variant="default" onClick={reload}>
              {t('ivr.conflict.reload')}
            </Button>
          </Stack>
        </Alert>
      )}
      {refusal && (
        <Alert color="red" title={refusal.title} role="alert" withCloseButton onClose={() => setRefusal(null)}>
          {refusal.lines.map((line, i) => (
            <Text key={i} size="sm">
              {line}
            </Text>
          ))}
        </Alert>
      )}
      {draftIssues.length > 0 && (
        <FlowProblemList
          problems={draftIssues.map((issue) => ({ nodeId: issue.nodeId, text: draftIssueText(t, issue) }))}
          title={t('ivr.draftIssues', { count: draftIssues.length })}
          validText=""
          onPick={pick}
          withNodeBadge
        />
      )}
      <FlowProblemList
        problems={problems.map((p) => ({ nodeId: p.nodeId, nodeIds: p.nodeIds, text: p.message[lang] }))}
        title={t('ivr.problems', { count: problems.length })}
        validText={t('ivr.valid')}
        onPick={pick}
        withNodeBadge
      >
        {publishRefused && (
          <Text size="sm" fw={700} mb="xs" role="alert" data-testid="ivr-publish-refused">
            {t('ivr.publishRefused')}
          </Text>
        )}
        {dirty && (
          <Text size="xs" mb="xs">
            {t('ivr.draftChecked')}
          </Text>
        )}
      </FlowProblemList>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {editable && (
            <Menu position="bottom-start" withinPortal>
              <Menu.Target>
                <Button size="xs" variant="light" mb="xs" leftSection={<IconPlus size={14} aria-hidden />} rightSection={<IconChevronDown size={14} aria-hidden />}>
                  {t('ivr.addNode')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {IVR_NODE_TYPES.map((type) => (
                  <Menu.Item key={type} onClick={() => add(type)}>
                    {t(`ivr.types.${type}`)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}
          <IvrCanvas flow={d.flow} selectedId={selectedId} problemNodes={problemNodes} activeId={activeId} queueName={queueName} onSelect={setSelectedId} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder radius="md" padding="md">
            <Tabs value={tab} onChange={setTab}>
              <Tabs.List mb="sm">
                <Tabs.Tab value="node">{t('ivr.nodeTab')}</Tabs.Tab>
                <Tabs.Tab value="test">{t('ivr.test.tab')}</Tabs.Tab>
                <Tabs.Tab value="settings">{t('ivr.settingsTab')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="node">
                <Stack gap="sm">
                  <Select
                    label={t('ivr.nodePicker')}
                    data={d.flow.nodes.map((n) => ({ value: n.id, label: nodeOptionLabel(t, n) }))}
                    value={selectedId}
                    onChange={setSelectedId}
                    searchable
                    comboboxProps={{ withinPortal: true }}
                  />
                  {selected ? (
                    <IvrNodeEditor
                      flow={d.flow}
                      node={selected}
                      queues={queueChoices}
                      skills={skillChoices}
                      readOnly={!editable}
                      onChange={(node) => {
                        edit({ flow: replaceIvrNode(d.flow, selected.id, node) });
                        if (node.id !== selected.id) setSelectedId(node.id);
                      }}
                      onRemove={() => {
                        edit({ flow: removeIvrNode(d.flow, selected.id) });
                        setSelectedId(null);
                      }}
                      onMakeStart={() => edit({ flow: { ...d.flow, start: selected.id } })}
                    />
                  ) : (
                    <Text c="dimmed" size="sm">
                      {t('ivr.pickNode')}
                    </Text>
                  )}
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="test">
                <IvrTestPanel flowId={f.id} version={f.latestVersion} flow={f.latest.flow as IvrFlow} dirty={dirty} queueName={queueName} onActiveNode={setActiveId} />
              </Tabs.Panel>
              <Tabs.Panel value="settings">
                <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
                  <Stack gap="sm">
                    <TextInput label={t('ivr.name')} required maxLength={100} value={d.name} onChange={(e) => edit({ name: e.currentTarget.value })} />
                    <Textarea label={t('ivr.description')} autosize minRows={2} maxLength={2000} value={d.description} onChange={(e) => edit({ description: e.currentTarget.value })} />
                    <TagsInput label={t('ivr.numbers')} description={t('ivr.numbersHelp')} value={d.numbers} onChange={(numbers) => edit({ numbers })} maxTags={50} splitChars={[',', '、']} />
                  </Stack>
                </fieldset>
              </Tabs.Panel>
            </Tabs>
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
