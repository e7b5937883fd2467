import { ActionIcon, Button, Group, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface RowListProps<T> {
  label: string;
  description?: string;
  rows: T[];
  onChange: (rows: T[]) => void;
  newRow: () => T;
  addLabel: string;
  emptyText?: string;
  /** The inputs of one row; `set` patches it. */
  renderRow: (row: T, index: number, set: (patch: Partial<T>) => void) => ReactNode;
  error?: string | undefined;
}

/** An editable list of small rows (skills with levels, overflow rules, opening intervals …). */
export function RowList<T>({ label, description, rows, onChange, newRow, addLabel, emptyText, renderRow, error }: RowListProps<T>) {
  const { t } = useTranslation();
  const set = (index: number) => (patch: Partial<T>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Stack gap={6} role="group" aria-label={label}>
      <div>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        {description && (
          <Text size="xs" c="dimmed">
            {description}
          </Text>
        )}
      </div>
      {rows.length === 0 && emptyText && (
        <Text size="sm" c="dimmed">
          {emptyText}
        </Text>
      )}
      {rows.map((row, index) => (
        <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
          <Group gap="xs" align="flex-start" wrap="wrap" style={{ flex: 1 }}>
            {renderRow(row, index, set(index))}
          </Group>
          <ActionIcon variant="subtle" color="red" mt={4} onClick={() => onChange(rows.filter((_, i) => i !== index))} aria-label={t('routingAdmin.removeRow', { n: index + 1 })}>
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      {error && (
        <Text size="xs" c="red.7" role="alert">
          {error}
        </Text>
      )}
      <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onChange([...rows, newRow()])} style={{ alignSelf: 'flex-start' }}>
        {addLabel}
      </Button>
    </Stack>
  );
}
