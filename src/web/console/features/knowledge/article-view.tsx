import { Anchor, Badge, Button, CopyButton, Group, Stack, Text, Title, Typography } from '@mantine/core';
import { IconCopy, IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { markdownToText } from '../../../../core/knowledge/markdown-render.js';
import { formatDateTime } from '../../../ui/format/datetime.js';
import { RecordLoadError, LoadingState } from '../../common/load-state.js';
import { useTenant } from '../auth/tenant-context.js';
import { useArticle, useArticleFeedback, type Article } from './knowledge.queries.js';

function ArticleBody({ article }: { article: Article }) {
  // bodyHtml is rendered and sanitized by the server (markdown-it, raw HTML disabled).
  return (
    <Typography>
      <div className="knowledge-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
    </Typography>
  );
}

/** One article as an operator reads it: status, freshness, the answer, copy and "was this helpful?". */
export function ArticleView({ id, onCopy, onOpenArticle }: { id: string; onCopy?: ((text: string) => void) | undefined; onOpenArticle?: ((id: string) => void) | undefined }) {
  const { t } = useTranslation();
  const { timeZone, can } = useTenant();
  const article = useArticle(id);
  const feedback = useArticleFeedback(id);
  const [voted, setVoted] = useState<boolean | null>(null);
  if (article.isPending) return <LoadingState />;
  if (article.isError) return <RecordLoadError error={article.error} onRetry={() => void article.refetch()} />;
  const a = article.data;
  const vote = (helpful: boolean) => feedback.mutate(helpful, { onSuccess: () => setVoted(helpful) });
  return (
    <Stack gap="sm" component="article" aria-labelledby={`article-${a.id}`}>
      <Title order={3} id={`article-${a.id}`}>
        {a.title}
      </Title>
      <Group gap="xs">
        <Badge variant="light" color={a.visibility === 'public' ? 'teal' : 'gray'}>
          {t(`knowledge.visibility.${a.visibility === 'public' ? 'public' : 'internal'}`)}
        </Badge>
        {a.status !== 'published' && <Badge color="yellow">{t(`knowledge.status.${a.status === 'in_review' ? 'in_review' : 'draft'}`)}</Badge>}
        {a.tags.map((tag) => (
          <Badge key={tag} variant="outline" size="sm">
            {tag}
          </Badge>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        {t('knowledge.updated', { at: formatDateTime(a.updatedAt, timeZone) })}
      </Text>
      <ArticleBody article={a} />
      {a.related.length > 0 && (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t('knowledge.related')}
          </Text>
          {a.related.map((r) =>
            onOpenArticle ? (
              <Anchor key={r.id} component="button" type="button" size="sm" ta="left" onClick={() => onOpenArticle(r.id)}>
                {r.title}
              </Anchor>
            ) : (
              <Text key={r.id} size="sm">
                {r.title}
              </Text>
            ),
          )}
        </Stack>
      )}
      <Group gap="xs">
        {onCopy ? (
          <Button size="xs" variant="light" leftSection={<IconCopy size={14} aria-hidden />} onClick={() => onCopy(markdownToText(a.body))}>
            {t('knowledge.useAnswer')}
          </Button>
        ) : (
          <CopyButton value={markdownToText(a.body)}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" leftSection={<IconCopy size={14} aria-hidden />} onClick={copy}>
                {copied ? t('knowledge.copied') : t('knowledge.copy')}
              </Button>
            )}
          </CopyButton>
        )}
        {can('knowledge:feedback') && (
          <Group gap={4} aria-label={t('knowledge.wasHelpful')} role="group">
            <Text size="xs" c="dimmed">
              {voted === null ? t('knowledge.wasHelpful') : t('knowledge.thanks')}
            </Text>
            <Button size="xs" variant={voted === true ? 'filled' : 'subtle'} disabled={voted !== null || feedback.isPending} onClick={() => vote(true)} leftSection={<IconThumbUp size={14} aria-hidden />}>
              {t('knowledge.helpful')} {a.helpful}
            </Button>
            <Button size="xs" variant={voted === false ? 'filled' : 'subtle'} color="gray" disabled={voted !== null || feedback.isPending} onClick={() => vote(false)} leftSection={<IconThumbDown size={14} aria-hidden />}>
              {t('knowledge.notHelpful')} {a.notHelpful}
            </Button>
          </Group>
        )}
      </Group>
    </Stack>
  );
}
