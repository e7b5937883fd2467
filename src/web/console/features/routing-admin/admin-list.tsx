import { ActionIcon, Button, Card, Group, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, LoadingState } from '../../common/load-state.js';
import { notifyError, notifySuccess } from '../../common/errors.js';
import { ConfirmButton } from '../../../ui/confirm-button.js';

export interface AdminListProps<T> {
  query: { data: T[] | undefined; isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  addLabel: string;
  onAdd?: () => void;
  emptyText: string;
  head: ReactNode;
  /** The cells of one row (without the actions cell). */
  cells: (item: T) => ReactNode;
  rowKey: (item: T) => string;
  rowName: (item: T) => string;
  onEdit?: (item: T) => void;
  onDelete?: (item: T) => Promise<unknown>;
}

/** A routing-admin table: add button, rows, and edit / delete (asked once) on each row. */
export function AdminList<T>({ query, addLabel, onAdd, emptyText, head, cells, rowKey, rowName, onEdit, onDelete }: AdminListProps<T>) {
  const { t } = useTranslation();
  const remove = (item: T) => {
    onDelete?.(item).then(
      () => notifySuccess(t('routingAdmin.deleted', { name: rowName(item) })),
      (error: unknown) => notifyError(error),
    );
  };
  return (
    <Card withBorder radius="md" padding="md">
      {onAdd && (
        <Group justify="flex-end" mb="sm">
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onAdd}>
            {addLabel}
          </Button>
        </Group>
      )}
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data?.length ? (
        <Text c="dimmed" ta="center" py="md">
          {emptyText}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                {head}
                <Table.Th w={120}>
                  <VisuallyHidden>{t('routingAdmin.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((item) => (
                <Table.Tr key={rowKey(item)}>
                  {cells(item)}
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      {onEdit && (
                        <Tooltip label={t('routingAdmin.edit')}>
                          <ActionIcon variant="subtle" onClick={() => onEdit(item)} aria-label={t('routingAdmin.editNamed', { name: rowName(item) })}>
                            <IconPencil size={16} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      )}
                      {onDelete && (
                        <ConfirmButton
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          question={t('routingAdmin.confirmDelete', { name: rowName(item) })}
                          confirmLabel={t('common.delete')}
                          cancelLabel={t('common.cancel')}
                          onConfirm={() => remove(item)}
                          aria-label={t('routingAdmin.deleteNamed', { name: rowName(item) })}
                        >
                          {t('common.delete')}
                        </ConfirmButton>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
