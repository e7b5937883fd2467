import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { SectionCard } from './section-card.js';

export interface SectionTableProps<T> {
  title: string;
  /** Shown instead of the table when there are no items. */
  emptyText: string;
  items: readonly T[];
  /** The header cells (`Table.Th`). */
  head: ReactNode;
  /** One keyed `Table.Tr` per item. */
  row: (item: T) => ReactNode;
}

/** A titled card holding a compact table of a few records, or a line saying there are none. */
export function SectionTable<T>({ title, emptyText, items, head, row }: SectionTableProps<T>) {
  return (
    <SectionCard title={title}>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {emptyText}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>{head}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>{items.map(row)}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}
