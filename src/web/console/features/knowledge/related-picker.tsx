import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKnowledgeSearch } from './knowledge.queries.js';

/** Related articles, found by typing (the same search as the knowledge page); titles already known are kept. */
export function RelatedPicker(props: { selfId: string | null; value: string[]; known: readonly { id: string; title: string }[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text, 250);
  const search = useKnowledgeSearch({ q, limit: 10, drafts: true });
  const titles = new Map(props.known.map((a) => [a.id, a.title]));
  for (const h of search.data?.hits ?? []) titles.set(h.id, h.title);
  const data = [...new Set([...props.value, ...(search.data?.hits ?? []).map((h) => h.id)])]
    .filter((id) => id !== props.selfId)
    .map((id) => ({ value: id, label: titles.get(id) ?? id }));
  return (
    <MultiSelect
      label={t('knowledge.editor.related')}
      placeholder={t('knowledge.editor.relatedPlaceholder')}
      data={data}
      value={props.value}
      onChange={props.onChange}
      searchable
      searchValue={text}
      onSearchChange={setText}
      filter={({ options }) => options}
      maxValues={10}
      clearable
    />
  );
}
