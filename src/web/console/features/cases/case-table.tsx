import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Case } from '../../api/types.js';
import { formatDateTime } from '../../../ui/format/datetime.js';
import { CaseDue, CasePriorityBadge, CaseStatusBadge } from './case-badges.js';

export interface CaseTableProps {
  cases: Case[];
  timeZone: string;
  /** `/t/:tenant`, the base of case and customer links. */
  tenantPath: string;
}

export function CaseTable({ cases, timeZone, tenantPath }: CaseTableProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const none = t('common.none');
  const hrefOf = (item: Case) => `${tenantPath}/cases/${encodeURIComponent(item.id)}`;
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table highlightOnHover verticalSpacing="xs" aria-label={t('cases.results')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cases.number')}</Table.Th>
            <Table.Th>{t('cases.caseTitle')}</Table.Th>
            <Table.Th>{t('cases.customer')}</Table.Th>
            <Table.Th>{t('cases.status')}</Table.Th>
            <Table.Th>{t('cases.priority')}</Table.Th>
            <Table.Th>{t('cases.owner')}</Table.Th>
            <Table.Th>{t('cases.due')}</Table.Th>
            <Table.Th>{t('cases.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cases.map((item) => (
            <Table.Tr key={item.id} style={{ cursor: 'pointer' }} onClick={() => navigate(hrefOf(item))}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={hrefOf(item)} fw={600} ff="monospace" onClick={(e) => e.stopPropagation()}>
                  {item.displayNumber}
                </Anchor>
              </Table.Td>
              <Table.Td>{item.title}</Table.Td>
              <Table.Td>
                {item.customerId ? (
                  <Anchor
                    component={Link}
                    to={`${tenantPath}/customers/${encodeURIComponent(item.customerId)}`}
                    size="sm"
                    onClick={(e) => e.stopPropagation()}
                  >
                    {item.customerName ?? none}
                  </Anchor>
                ) : (
                  <Text size="sm" c="dimmed" component="span">
                    {none}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <CaseStatusBadge status={item.status} />
              </Table.Td>
              <Table.Td>
                <CasePriorityBadge priority={item.priority} />
              </Table.Td>
              <Table.Td>{item.ownerName ?? t('cases.unassigned')}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <CaseDue item={item} timeZone={timeZone} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(item.updatedAt, timeZone)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
