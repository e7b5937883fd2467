import { Badge, Card, Group, Loader, Select, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../common/load-state.js';
import { useCategories, useKnowledgeSearch, type Category, type SearchHit } from './knowledge.queries.js';
import { SnippetText } from './snippet-text.js';

/** Category names with their path (家電 › 冷蔵庫) for a flat picker, in tree order. */
export function categoryOptions(categories: readonly Category[]): { value: string; label: string }[] {
  const children = new Map<string | null, Category[]>();
  for (const c of categories) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
  const out: { value: string; label: string }[] = [];
  const walk = (parent: string | null, path: string[]) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, 'ja'));
    for (const c of list) {
      out.push({ value: c.id, label: [...path, c.name].join(' › ') });
      walk(c.id, [...path, c.name]);
    }
  };
  walk(null, []);
  return out;
}

function HitRow({ hit, selected, onOpen }: { hit: SearchHit; selected: boolean; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton
      onClick={() => onOpen(hit.id)}
      aria-current={selected ? 'true' : undefined}
      p="xs"
      style={{ borderRadius: 6, background: selected ? 'var(--mantine-color-blue-light)' : undefined }}
    >
      <Group gap={6} wrap="nowrap">
        <Text fw={600} size="sm">
          {hit.title}
        </Text>
        {hit.status !== 'published' && (
          <Badge size="xs" color="yellow" variant="light">
            {t(`knowledge.status.${hit.status === 'in_review' || hit.status === 'archived' ? hit.status : 'draft'}`)}
          </Badge>
        )}
      </Group>
      <SnippetText text={hit.snippet.text} highlights={hit.snippet.highlights} />
    </UnstyledButton>
  );
}

/**
 * Knowledge search for operators: one box (any width, kana or spelling: the server folds), an
 * optional category, results with highlighted snippets. Used on the knowledge page and in the desk.
 */
export function KnowledgeSearchPanel(props: {
  text: string;
  onTextChange: (text: string) => void;
  categoryId: string | null;
  onCategoryChange: (id: string | null) => void;
  selectedId: string | null;
  onOpen: (id: string) => void;
  autoFocus?: boolean;
  /** Editors' search: drafts and articles in review too, marked. */
  drafts?: boolean;
}) {
  const { t } = useTranslation();
  const [q] = useDebouncedValue(props.text, 250);
  const categories = useCategories();
  const search = useKnowledgeSearch({ q, categoryId: props.categoryId ?? undefined, limit: 10, drafts: props.drafts ?? false });
  const hits = search.data?.hits ?? [];
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm" role="search" wrap="wrap">
        <TextInput
          style={{ flex: 1, minWidth: 200 }}
          label={t('knowledge.search')}
          placeholder={t('knowledge.searchPlaceholder')}
          type="search"
          autoComplete="off"
          autoFocus={props.autoFocus}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={search.isFetching ? <Loader size="xs" aria-hidden /> : null}
          value={props.text}
          onChange={(e) => props.onTextChange(e.currentTarget.value)}
        />
        <Select
          w={220}
          label={t('knowledge.category')}
          placeholder={t('common.all')}
          clearable
          searchable
          data={categoryOptions(categories.data ?? [])}
          value={props.categoryId}
          onChange={props.onCategoryChange}
        />
      </Group>
      {search.isError && <LoadError error={search.error} onRetry={() => void search.refetch()} />}
      {q.trim() !== '' && search.isSuccess && (
        <Text size="xs" c="dimmed" aria-live="polite">
          {hits.length === 0 ? t('knowledge.noResults') : t('knowledge.resultCount', { count: hits.length })}
        </Text>
      )}
      {hits.length > 0 && (
        <Card withBorder padding={4} radius="md">
          <Stack gap={2} aria-label={t('knowledge.results')} role="list">
            {hits.map((hit) => (
              <div role="listitem" key={hit.id}>
                <HitRow hit={hit} selected={hit.id === props.selectedId} onOpen={props.onOpen} />
              </div>
            ))}
          </Stack>
        </Card>
      )}
      {q.trim() === '' && (
        <Text size="sm" c="dimmed">
          {t('knowledge.hint')}
        </Text>
      )}
    </Stack>
  );
}
