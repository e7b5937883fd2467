import { Badge, Button, Card, Grid, Group, SegmentedControl, Select, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../ui/page-header.js';
import { notifyError, notifySuccess } from '../../common/errors.js';
import { LoadingState, RecordLoadError } from '../../common/load-state.js';
import { tenantPath } from '../../common/paths.js';
import { useTenant } from '../auth/tenant-context.js';
import { useCreateArticle, useSaveDraft, useVersion, useWorkflowMove, type ArticleContent, type WorkflowMove } from './article-editor.queries.js';
import { categoryOptions } from './knowledge-search-panel.js';
import { useArticle, useCategories } from './knowledge.queries.js';
import { ArticleAttachments } from './article-attachments.js';
import { RelatedPicker } from './related-picker.js';
import { VersionHistory } from './version-history.js';

const EMPTY: ArticleContent = { title: '', body: '', tags: [], productSkus: [], categoryId: null, visibility: 'internal', relatedIds: [] };

function ContentFields({ value, onChange, selfId, knownRelated }: { value: ArticleContent; onChange: (v: ArticleContent) => void; selfId: string | null; knownRelated: readonly { id: string; title: string }[] }) {
  const { t } = useTranslation();
  const categories = useCategories();
  return (
    <Stack gap="sm">
      <TextInput label={t('knowledge.editor.titleField')} required maxLength={300} value={value.title} onChange={(e) => onChange({ ...value, title: e.currentTarget.value })} />
      <Textarea
        label={t('knowledge.editor.body')}
        description={t('knowledge.editor.bodyHelp')}
        autosize
        minRows={10}
        maxRows={30}
        value={value.body}
        onChange={(e) => onChange({ ...value, body: e.currentTarget.value })}
        styles={{ input: { fontFamily: 'monospace' } }}
      />
      <Group grow align="flex-start">
        <Select label={t('knowledge.category')} clearable searchable data={categoryOptions(categories.data ?? [])} value={value.categoryId} onChange={(categoryId) => onChange({ ...value, categoryId })} />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('knowledge.editor.visibility')}
          </Text>
          <SegmentedControl
            data={[
              { value: 'internal', label: t('knowledge.visibility.internal') },
              { value: 'public', label: t('knowledge.visibility.public') },
            ]}
            value={value.visibility}
            onChange={(v) => onChange({ ...value, visibility: v === 'public' ? 'public' : 'internal' })}
          />
        </Stack>
      </Group>
      <TagsInput label={t('knowledge.editor.tags')} value={value.tags} onChange={(tags) => onChange({ ...value, tags })} maxTags={50} />
      <TagsInput label={t('knowledge.editor.products')} value={value.productSkus} onChange={(productSkus) => onChange({ ...value, productSkus })} maxTags={50} />
      <RelatedPicker selfId={selfId} value={value.relatedIds} known={knownRelated} onChange={(relatedIds) => onChange({ ...value, relatedIds })} />
    </Stack>
  );
}

/** /t/:tenant/knowledge/new and /t/:tenant/knowledge/:id/edit — write a draft, send it for review, approve or send back. */
export function ArticleEditorPage() {
  const { t } = useTranslation();
  const { slug, can } = useTenant();
  const navigate = useNavigate();
  const { id = null } = useParams();
  const article = useArticle(id);
  const latest = article.data?.latestVersion ?? null;
  const version = useVersion(id, latest);
  const [content, setContent] = useState<ArticleContent>(EMPTY);
  const [loadedVersion, setLoadedVersion] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const create = useCreateArticle();
  const save = useSaveDraft(id ?? '');
  const move = useWorkflowMove(id ?? '');
  useEffect(() => {
    const v = version.data;
    if (!v || v.version === loadedVersion) return;
    setContent({ title: v.title, body: v.body, tags: v.tags, productSkus: v.productSkus, categoryId: v.categoryId, visibility: v.visibility === 'public' ? 'public' : 'internal', relatedIds: v.relatedIds });
    setLoadedVersion(v.version);
  }, [version.data, loadedVersion]);

  if (id && (article.isPending || version.isPending)) return <LoadingState />;
  if (id && article.isError) return <RecordLoadError error={article.error} onRetry={() => void article.refetch()} />;
  const status = version.data?.status ?? 'draft';
  const back = (articleId: string) => navigate(`${tenantPath(slug)}/knowledge?article=${encodeURIComponent(articleId)}`);
  const onSave = () => {
    if (!id) {
      create.mutate(content, { onSuccess: (a) => navigate(`${tenantPath(slug)}/knowledge/${encodeURIComponent(a.id)}/edit`, { replace: true }), onError: notifyError });
      return;
    }
    save.mutate({ ...content, baseVersion: latest ?? 1, ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: () => { setNote(''); notifySuccess(t('knowledge.editor.saved')); }, onError: notifyError });
  };
  const doMove = (m: WorkflowMove) =>
    move.mutate({ move: m, ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: () => { setNote(''); notifySuccess(t(`knowledge.editor.moved.${m}`)); }, onError: notifyError });
  const dirty = !!version.data && JSON.stringify(content) !== JSON.stringify({ title: version.data.title, body: version.data.body, tags: version.data.tags, productSkus: version.data.productSkus, categoryId: version.data.categoryId, visibility: version.data.visibility, relatedIds: version.data.relatedIds });
  return (
    <Stack gap="md">
      <PageHeader title={id ? t('knowledge.editor.editTitle') : t('knowledge.editor.newTitle')} actions={id && <Button variant="default" onClick={() => back(id)}>{t('knowledge.editor.view')}</Button>} />
      {id && (
        <Group gap="xs">
          <Badge color={status === 'published' ? 'teal' : status === 'in_review' ? 'yellow' : 'gray'}>{t(`knowledge.status.${status === 'in_review' || status === 'published' || status === 'archived' ? status : 'draft'}`)}</Badge>
          <Text size="sm" c="dimmed">
            {t('knowledge.editor.versionInfo', { latest: latest ?? 1, published: article.data?.publishedVersion ?? '—' })}
          </Text>
        </Group>
      )}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Card withBorder radius="md" padding="md">
            <Stack gap="sm">
              <ContentFields value={content} onChange={setContent} selfId={id} knownRelated={article.data?.related ?? []} />
              {id && <TextInput label={t('knowledge.editor.note')} description={t('knowledge.editor.noteHelp')} maxLength={1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} />}
              <Group gap="xs">
                <Button onClick={onSave} loading={create.isPending || save.isPending} disabled={content.title.trim() === '' || (!!id && !dirty)}>
                  {t('knowledge.editor.saveDraft')}
                </Button>
                {id && status === 'draft' && (
                  <Button variant="light" onClick={() => doMove('submit')} loading={move.isPending} disabled={dirty}>
                    {t('knowledge.editor.submit')}
                  </Button>
                )}
                {id && status === 'in_review' && can('knowledge:approve') && (
                  <>
                    <Button color="teal" onClick={() => doMove('approve')} loading={move.isPending} disabled={dirty}>
                      {t('knowledge.editor.approve')}
                    </Button>
                    <Button color="orange" variant="light" onClick={() => doMove('reject')} loading={move.isPending} disabled={note.trim() === ''} title={t('knowledge.editor.rejectNeedsNote')}>
                      {t('knowledge.editor.reject')}
                    </Button>
                  </>
                )}
                {id && status !== 'archived' && (
                  <Button color="gray" variant="subtle" onClick={() => doMove('archive')} loading={move.isPending}>
                    {t('knowledge.editor.archive')}
                  </Button>
                )}
              </Group>
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          {id && latest !== null && (
            <Card withBorder radius="md" padding="md">
              <Text fw={600} mb="xs">
                {t('knowledge.editor.history')}
              </Text>
              <VersionHistory articleId={id} latestVersion={latest} canEdit={can('knowledge:write')} />
            </Card>
          )}
          {id && (
            <Card withBorder radius="md" padding="md" mt="md">
              <ArticleAttachments articleId={id} canEdit={can('knowledge:write')} />
            </Card>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
