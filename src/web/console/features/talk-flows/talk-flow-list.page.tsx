import { Anchor, Badge, Button, Card, Modal, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { TalkFlowGraph } from '../../../../core/talk-flow/talk-flow.types.js';
import { formatDateTime } from '../../../ui/format/datetime.js';
import { PageHeader } from '../../../ui/page-header.js';
import { notifyError } from '../../common/errors.js';
import { LoadError, LoadingState } from '../../common/load-state.js';
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
  const { slug, can, timeZone } = useTenant();
  const flows = useTalkFlows();
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap="md">
      <PageHeader
        title={t('talkFlows.title')}
        actions={
          can('talkflow:write') && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('talkFlows.new')}
            </Button>
          )
        }
      />
      {flows.isPending && <LoadingState />}
      {flows.isError && <LoadError error={flows.error} onRetry={() => void flows.refetch()} />}
      {flows.isSuccess && (
        <Card withBorder radius="md" padding={0}>
          {flows.data.length === 0 ? (
            <Text p="md" c="dimmed">
              {t('talkFlows.empty')}
            </Text>
          ) : (
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('talkFlows.name')}</Table.Th>
                  <Table.Th>{t('talkFlows.statusLabel')}</Table.Th>
                  <Table.Th>{t('talkFlows.versions')}</Table.Th>
                  <Table.Th>{t('talkFlows.updatedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {flows.data.map((f) => (
                  <Table.Tr key={f.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`${tenantPath(slug)}/talk-flows/${encodeURIComponent(f.id)}`}>
                        {f.name}
                      </Anchor>
                      {f.description && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {f.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={f.status === 'published' ? 'teal' : 'gray'}>{t(`talkFlows.status.${f.status}`)}</Badge>
                    </Table.Td>
                    <Table.Td>{t('talkFlows.versionInfo', { latest: f.latestVersion, published: f.publishedVersion ?? '—' })}</Table.Td>
                    <Table.Td>{formatDateTime(f.updatedAt, timeZone)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      )}
      <CreateModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
