import { Anchor, Button, Stack, Table } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format/datetime.js';
import { PageHeader } from '../../ui/page-header.js';
import { useTenant } from '../features/auth/tenant-context.js';
import { ListCard } from './list-card.js';

interface FlowRow {
  id: string;
  name: string;
  updatedAt: string;
}

/**
 * The list page of a tenant's versioned flows (talk flows, IVR flows): a header with "new" when
 * the user may create one, a table of the flows (name linking to the editor, the kind's own
 * columns, last update in the tenant's zone), and the kind's create dialog.
 */
export function FlowListPage<T extends FlowRow>(props: {
  title: string;
  newLabel: string;
  canCreate: boolean;
  query: UseQueryResult<T[]>;
  empty: string;
  /** Headers: the name's, the kind's own columns', and the update time's. */
  headers: { name: string; columns: string[]; updatedAt: string };
  editorPath: (id: string) => string;
  /** Under the name (e.g. the description). */
  nameNote?: (flow: T) => ReactNode;
  cells: (flow: T) => ReactNode[];
  createDialog: (opened: boolean, onClose: () => void) => ReactNode;
}) {
  const { timeZone } = useTenant();
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap="md">
      <PageHeader
        title={props.title}
        actions={
          props.canCreate && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {props.newLabel}
            </Button>
          )
        }
      />
      <ListCard query={props.query} empty={props.empty}>
        {(items) => (
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                {[props.headers.name, ...props.headers.columns, props.headers.updatedAt].map((h) => <Table.Th key={h}>{h}</Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>
                    <Anchor component={Link} to={props.editorPath(f.id)}>
                      {f.name}
                    </Anchor>
                    {props.nameNote?.(f)}
                  </Table.Td>
                  {props.cells(f).map((cell, i) => <Table.Td key={i}>{cell}</Table.Td>)}
                  <Table.Td>{formatDateTime(f.updatedAt, timeZone)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </ListCard>
      {props.createDialog(creating, () => setCreating(false))}
    </Stack>
  );
}
