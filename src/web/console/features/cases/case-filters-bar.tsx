import { Button, Card, Checkbox, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, type CasePriority, type CaseStatus } from '../../api/types.js';
import { hasActiveFilters, type CaseFilterState } from './case-filters.js';
import { useCasePriorityOptions } from './case-priority-select.js';
import { OwnerSelect } from './owner-select.js';

export interface CaseFiltersBarProps {
  value: CaseFilterState;
  /** Any change of filter goes back to page 1. */
  onChange: (patch: Partial<Omit<CaseFilterState, 'page'>>) => void;
  onReset: () => void;
}

export function CaseFiltersBar({ value, onChange, onReset }: CaseFiltersBarProps) {
  const { t } = useTranslation();
  const priorityOptions = useCasePriorityOptions();
  const [text, setText] = useState(value.q);
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => {
    if (debounced.trim() !== value.q) onChange({ q: debounced.trim() });
  }, [debounced]);
  useEffect(() => {
    setText((current) => (current.trim() === value.q ? current : value.q));
  }, [value.q]);

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label={t('caseFilters.title')}>
      <Stack gap="sm">
        <Checkbox.Group
          label={t('caseFilters.status')}
          value={value.status}
          onChange={(status) => onChange({ status: status as CaseStatus[] })}
        >
          <Group mt={6} gap="md">
            {CASE_STATUSES.map((status) => (
              <Checkbox key={status} value={status} label={t(`statuses.${status}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <TextInput
            label={t('caseFilters.q')}
            placeholder={t('caseFilters.qPlaceholder')}
            type="search"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onChange({ q: text.trim() });
            }}
          />
          <NativeSelect
            label={t('caseFilters.priority')}
            value={value.priority}
            onChange={(e) => onChange({ priority: e.currentTarget.value as CasePriority | '' })}
            data={[{ value: '', label: t('common.all') }, ...priorityOptions]}
          />
          <OwnerSelect
            label={t('caseFilters.owner')}
            value={value.ownerUserId}
            onChange={(ownerUserId) => onChange({ ownerUserId })}
            emptyLabel={t('common.all')}
          />
          <Group align="flex-end" justify="space-between" gap="sm">
            <Checkbox
              label={t('caseFilters.overdueOnly')}
              checked={value.overdue}
              onChange={(e) => onChange({ overdue: e.currentTarget.checked })}
              mb={8}
            />
            {hasActiveFilters(value) && (
              <Button
                variant="subtle"
                size="sm"
                onClick={() => {
                  setText('');
                  onReset();
                }}
              >
                {t('caseFilters.reset')}
              </Button>
            )}
          </Group>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
