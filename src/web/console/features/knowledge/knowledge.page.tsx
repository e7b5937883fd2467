import { Button, Card, Grid, Group, Stack, Text } from '@mantine/core';
import { IconChartBar, IconEdit, IconFileImport, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { tenantPath } from '../../common/paths.js';
import { useTenant } from '../auth/tenant-context.js';
import { PageHeader } from '../../../ui/page-header.js';
import { ArticleView } from './article-view.js';
import { ImportModal } from './import-modal.js';
import { KnowledgeSearchPanel } from './knowledge-search-panel.js';
import { UsageReportModal } from './usage-report.js';

/** /t/:tenant/knowledge — search the tenant's knowledge and read an article (?q=&category=&article=). */
export function KnowledgePage() {
  const { t } = useTranslation();
  const { slug, can } = useTenant();
  const base = `${tenantPath(slug)}/knowledge`;
  const [params, setParams] = useSearchParams();
  const [importing, setImporting] = useState(false);
  const [reporting, setReporting] = useState(false);
  const q = params.get('q') ?? '';
  const categoryId = params.get('category');
  const articleId = params.get('article');
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  return (
    <Stack gap="md">
      <PageHeader
        title={t('knowledge.title')}
        actions={
          can('knowledge:write') && (
            <Group gap="xs">
              {articleId && (
                <Button component={Link} to={`${base}/${encodeURIComponent(articleId)}/edit`} variant="default" leftSection={<IconEdit size={16} aria-hidden />}>
                  {t('knowledge.editor.edit')}
                </Button>
              )}
              <Button variant="default" leftSection={<IconChartBar size={16} aria-hidden />} onClick={() => setReporting(true)}>
                {t('knowledge.usage.open')}
              </Button>
              <Button variant="default" leftSection={<IconFileImport size={16} aria-hidden />} onClick={() => setImporting(true)}>
                {t('knowledge.import.open')}
              </Button>
              <Button component={Link} to={`${base}/new`} leftSection={<IconPlus size={16} aria-hidden />}>
                {t('knowledge.editor.newArticle')}
              </Button>
            </Group>
          )
        }
      />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <KnowledgeSearchPanel
            text={q}
            onTextChange={(text) => update({ q: text })}
            categoryId={categoryId}
            onCategoryChange={(id) => update({ category: id })}
            selectedId={articleId}
            onOpen={(id) => update({ article: id })}
            drafts={can('knowledge:write')}
            autoFocus
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder radius="md" padding="md">
            {articleId ? <ArticleView id={articleId} onOpenArticle={(id) => update({ article: id })} /> : <Text c="dimmed">{t('knowledge.pickArticle')}</Text>}
          </Card>
        </Grid.Col>
      </Grid>
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
      <UsageReportModal opened={reporting} onClose={() => setReporting(false)} />
    </Stack>
  );
}
