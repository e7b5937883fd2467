import { Badge, Button, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TalkFlowGraph } from '../../../../core/talk-flow/talk-flow.types.js';
import { notifyError } from '../../common/errors.js';
import { FlowListPage } from '../../common/flow-list-page.js';
import { tenantPath } from '../../common/paths.js';
import { useTenant } from '../auth/tenant-context.js';
import { useCreateTalkFlow, useTalkFlows } from './talk-flow.queries.js';

/** A new flow starts as one question with one answer leading to an end, so it is valid at once. */
export function starterGraph(question: string, answer: string, end: string): TalkFlowGraph {
  return {
    start: 'q1',
    nodes: [
      { type: 'question', id: 'q1', text: question, choices: [{ id: 'c1', label: answer, next: 'e1' }], position: { x: 0, y: 0 } },
      { type: 'end', id: 'e1', text: end, outcome: { kind: 'disposition', code: 'resolved' }, position: { x: 300, y: 0 } },
    ],
  };
}

function CreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { slug } = useTenant();
  const navigate = useNavigate();
  const create = useCreateTalkFlow();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const graph = starterGraph(t('talkFlows.newText.question'), t('talkFlows.newText.choice'), t('talkFlows.newText.end'));
    create.mutate(
      { name: name.trim(), description, graph },
      { onSuccess: (flow) => navigate(`${tenantPath(slug)}/talk-flows/${encodeURIComponent(flow.id)}`), onError: notifyError },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('talkFlows.new')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput label={t('talkFlows.name')} required maxLength={200} value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
          <Textarea label={t('talkFlows.description')} maxLength={2000} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <Button type="submit" loading={create.isPending} disabled={name.trim() === ''}>
            {t('talkFlows.create')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

/** /t/:tenant/talk-flows — the tenant's talk flows (トークスクリプト). */
export function TalkFlowListPage() {
  const { t } = useTranslation();
  const { slug, can } = useTenant();
  return (
    <FlowListPage
      title={t('talkFlows.title')}
      newLabel={t('talkFlows.new')}
      canCreate={can('talkflow:write')}
      query={useTalkFlows()}
      empty={t('talkFlows.empty')}
      headers={{ name: t('talkFlows.name'), columns: [t('talkFlows.statusLabel'), t('talkFlows.versions')], updatedAt: t('talkFlows.updatedAt') }}
      editorPath={(id) => `${tenantPath(slug)}/talk-flows/${encodeURIComponent(id)}`}
      nameNote={(f) => f.description && (
        <Text size="xs" c="dimmed" lineClamp={1}>
          {f.description}
        </Text>
      )}
      cells={(f) => [
        <Badge color={f.status === 'published' ? 'teal' : 'gray'}>{t(`talkFlows.status.${f.status}`)}</Badge>,
        t('talkFlows.versionInfo', { latest: f.latestVersion, published: f.publishedVersion ?? '—' }),
      ]}
      createDialog={(opened, onClose) => <CreateModal opened={opened} onClose={onClose} />}
    />
  );
}
