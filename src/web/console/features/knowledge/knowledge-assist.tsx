import { Button, Group, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ArticleView } from './article-view.js';
import { KnowledgeSearchPanel } from './knowledge-search-panel.js';
import { useKnowledgeSuggestions } from './knowledge.queries.js';
import { SnippetText } from './snippet-text.js';

/**
 * Knowledge beside a live contact: suggestions from what the contact is about (its subject and the
 * notes so far, and the customer's products), and a search box; "use answer" puts the answer into
 * the notes.
 */
export function KnowledgeAssist({ contextText, customerId, onUse }: { contextText: string; customerId: string | null; onUse: (text: string) => void }) {
  const { t } = useTranslation();
  const [text] = useDebouncedValue(contextText, 800);
  const suggestions = useKnowledgeSuggestions({ text, customerId });
  const [q, setQ] = useState('');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const items = suggestions.data?.suggestions ?? [];
  return (
    <Stack gap="sm">
      <Stack gap={4} aria-live="polite">
        <Text size="sm" fw={600}>
          {t('knowledge.suggested')}
        </Text>
        {text.trim() === '' && (
          <Text size="xs" c="dimmed">
            {t('knowledge.suggestHint')}
          </Text>
        )}
        {text.trim() !== '' && suggestions.isSuccess && items.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('knowledge.noSuggestions')}
          </Text>
        )}
        {items.map((s) => (
          <Group key={s.id} justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <UnstyledButton onClick={() => setOpenId(s.id)} style={{ flex: 1 }}>
              <Text size="sm" fw={600}>
                {s.title}
              </Text>
              <SnippetText text={s.snippet.text} highlights={s.snippet.highlights} />
            </UnstyledButton>
            <Button size="compact-xs" variant="light" leftSection={<IconCopy size={12} aria-hidden />} onClick={() => onUse(s.copyText)}>
              {t('knowledge.useAnswer')}
            </Button>
          </Group>
        ))}
      </Stack>
      <KnowledgeSearchPanel text={q} onTextChange={setQ} categoryId={categoryId} onCategoryChange={setCategoryId} selectedId={openId} onOpen={setOpenId} />
      <Modal opened={openId !== null} onClose={() => setOpenId(null)} size="lg" title={t('knowledge.title')}>
        {openId && (
          <ArticleView
            id={openId}
            onCopy={(answer) => {
              onUse(answer);
              setOpenId(null);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
