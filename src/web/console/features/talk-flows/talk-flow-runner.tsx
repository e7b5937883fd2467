import { Anchor, Badge, Button, Card, Group, Modal, Select, Stack, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconPlayerPlay, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { casePath, tenantPath } from '../../common/paths.js';
import { notifyError } from '../../common/errors.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';
import { ArticleView } from '../knowledge/article-view.js';
import { usePublishedTalkFlows, useRunCommands, type TalkFlowRun } from './talk-flow.queries.js';

/**
 * The guided talk flow beside a contact: pick a published flow, answer question by question; the
 * server records the path on the interaction and acts on the end (case, disposition). Ends the
 * server cannot act on (callback, escalation: they need the live contact) go to `onEnd`.
 */
export function TalkFlowRunner({ interactionId, customerId, onCopy, onEnd }: {
  interactionId?: string | undefined;
  customerId?: string | undefined;
  onCopy?: (text: string) => void;
  onEnd?: (run: TalkFlowRun) => void;
}) {
  const { t } = useTranslation();
  const { slug } = useTenant();
  const flows = usePublishedTalkFlows();
  const [flowId, setFlowId] = useState<string | null>(null);
  const [run, setRun] = useState<TalkFlowRun | null>(null);
  const [articleId, setArticleId] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const commands = useRunCommands((next) => {
    setRun(next);
    // An end may have created a case or set the disposition: what the page shows is out of date.
    if (next.status === 'completed') {
      void queryClient.invalidateQueries({ queryKey: tenantKey(slug) });
      onEnd?.(next);
    }
  });
  const onError = { onError: notifyError };

  if (!run || run.status === 'abandoned') {
    return (
      <Group align="flex-end" gap="xs">
        <Select
          style={{ flex: 1 }}
          label={t('talkFlows.runner.pick')}
          placeholder={t('talkFlows.runner.pickPlaceholder')}
          data={(flows.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
          value={flowId}
          onChange={setFlowId}
          searchable
          comboboxProps={{ withinPortal: true }}
        />
        <Button
          leftSection={<IconPlayerPlay size={16} aria-hidden />}
          disabled={!flowId}
          loading={commands.start.isPending}
          onClick={() => flowId && commands.start.mutate({ flowId, interactionId, customerId }, onError)}
        >
          {t('talkFlows.runner.start')}
        </Button>
      </Group>
    );
  }
  const node = run.node;
  const done = run.status === 'completed';
  return (
    <Stack gap="sm" data-testid="talk-flow-runner">
      <Group justify="space-between">
        <Title order={3} size="h5">
          {run.flowName}
        </Title>
        <Group gap={4}>
          <Button size="xs" variant="subtle" leftSection={<IconArrowBackUp size={14} aria-hidden />} disabled={!run.canGoBack || done || commands.pending} onClick={() => commands.step.mutate({ runId: run.id, back: true }, onError)}>
            {t('talkFlows.runner.back')}
          </Button>
          {!done && (
            <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} aria-hidden />} disabled={commands.pending} onClick={() => commands.abandon.mutate(run.id, onError)}>
              {t('talkFlows.runner.abandon')}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        {t('talkFlows.runner.steps', { count: run.path.length })}
      </Text>
      <Card withBorder padding="sm" radius="md" bg={done ? 'teal.0' : undefined}>
        <Stack gap="xs">
          <Badge variant="light" color={node.type === 'end' ? 'teal' : node.type === 'info' ? 'green' : 'blue'}>
            {t(`talkFlows.types.${node.type}`)}
          </Badge>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{node.text}</Text>
          {run.articles.length > 0 && (
            <Group gap="xs">
              {run.articles.map((a) => (
                <Anchor key={a.id} component="button" type="button" size="sm" onClick={() => setArticleId(a.id)}>
                  📄 {a.title}
                </Anchor>
              ))}
            </Group>
          )}
          {node.type === 'question' && (
            <Group gap="xs">
              {node.choices.map((c) => (
                <Button key={c.id} variant="light" disabled={commands.pending} onClick={() => commands.step.mutate({ runId: run.id, choiceId: c.id }, onError)}>
                  {c.label}
                </Button>
              ))}
            </Group>
          )}
          {node.type === 'info' && (
            <Button style={{ alignSelf: 'flex-start' }} disabled={commands.pending} onClick={() => commands.step.mutate({ runId: run.id }, onError)}>
              {t('talkFlows.runner.next')}
            </Button>
          )}
          {done && run.outcome && (
            <Group gap="xs">
              <Badge color="teal">{t(`talkFlows.outcomes.${run.outcome.kind}`)}</Badge>
              {run.caseId && (
                <Anchor component={Link} to={casePath(tenantPath(slug), run.caseId)} size="sm">
                  {t('talkFlows.runner.openCase')}
                </Anchor>
              )}
              <Button size="xs" variant="default" onClick={() => setRun(null)}>
                {t('talkFlows.runner.again')}
              </Button>
            </Group>
          )}
        </Stack>
      </Card>
      <Modal opened={articleId !== null} onClose={() => setArticleId(null)} size="lg" title={t('knowledge.title')}>
        {articleId && <ArticleView id={articleId} onCopy={onCopy} />}
      </Modal>
    </Stack>
  );
}
