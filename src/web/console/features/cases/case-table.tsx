import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Case } from '../../api/types.js';
import { formatDateTime } from '../../../ui/format/datetime.js';
import { LinkRow } from '../../../ui/link-row.js';
import { casePath, customerPath } from '../../common/paths.js';
import { CaseDue, CasePriorityBadge, CaseStatusBadge } from './case-badges.js';

export type CaseColumn = 'number' | 'title' | 'customer' | 'status' | 'priority' | 'owner' | 'due' | 'updated';

const HEADER_KEYS: Record<CaseColumn, string> = {
  number: 'cases.number',
  title: 'cases.caseTitle',
  customer: 'cases.customer',
  status: 'cases.status',
  priority: 'cases.priority',
  owner: 'cases.owner',
  due: 'cases.due',
  updated: 'cases.updated',
};

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** The header cells of the chosen case columns. */
export function CaseHeaderCells({ columns }: { columns: readonly CaseColumn[] }) {
  const { t } = useTranslation();
  return columns.map((column) => <Table.Th key={column}>{t(HEADER_KEYS[column])}</Table.Th>);
}

export interface CaseCellsProps {
  item: Case;
  columns: readonly CaseColumn[];
  timeZone: string;
  /** `/t/:tenant`, the base of case and customer links. */
  tenantPath: string;
}

/** One case's cells for the chosen columns; the number links to the case, the customer to the 360. */
export function CaseCells({ columns, ...cell }: CaseCellsProps) {
  return columns.map((column) => <CaseCell key={column} column={column} {...cell} />);
}

function CaseCell({ column, item, timeZone, tenantPath }: Omit<CaseCellsProps, 'columns'> & { column: CaseColumn }) {
  const { t } = useTranslation();
  const none = t('common.none');
  switch (column) {
    case 'number':
      return (
        <Table.Td style={NOWRAP}>
          <Anchor component={Link} to={casePath(tenantPath, item.id)} fw={600} ff="monospace">
            {item.displayNumber}
          </Anchor>
        </Table.Td>
      );
    case 'title':
      return <Table.Td>{item.title}</Table.Td>;
    case 'customer':
      return (
        <Table.Td>
          {item.customerId ? (
            <Anchor component={Link} to={customerPath(tenantPath, item.customerId)} size="sm">
              {item.customerName ?? none}
            </Anchor>
          ) : (
            <Text size="sm" c="dimmed" component="span">
              {none}
            </Text>
          )}
        </Table.Td>
      );
    case 'status':
      return (
        <Table.Td>
          <CaseStatusBadge status={item.status} />
        </Table.Td>
      );
    case 'priority':
      return (
        <Table.Td>
          <CasePriorityBadge priority={item.priority} />
        </Table.Td>
      );
    case 'owner':
      return <Table.Td>{item.ownerName ?? t('cases.unassigned')}</Table.Td>;
    case 'due':
      return (
        <Table.Td style={NOWRAP}>
          <CaseDue item={item} timeZone={timeZone} />
        </Table.Td>
      );
    case 'updated':
      return <Table.Td style={NOWRAP}>{formatDateTime(item.updatedAt, timeZone)}</Table.Td>;
  }
}

const LIST_COLUMNS: readonly CaseColumn[] = ['number', 'title', 'customer', 'status', 'priority', 'owner', 'due', 'updated'];

export interface CaseTableProps {
  cases: Case[];
  timeZone: string;
  /** `/t/:tenant`, the base of case and customer links. */
  tenantPath: string;
}

/** The case list; the whole row opens the case, the number is the keyboard-reachable link. */
export function CaseTable({ cases, timeZone, tenantPath }: CaseTableProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table highlightOnHover verticalSpacing="xs" aria-label={t('cases.results')}>
        <Table.Thead>
          <Table.Tr>
            <CaseHeaderCells columns={LIST_COLUMNS} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cases.map((item) => (
            <LinkRow key={item.id} to={casePath(tenantPath, item.id)}>
              <CaseCells item={item} columns={LIST_COLUMNS} timeZone={timeZone} tenantPath={tenantPath} />
            </LinkRow>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
