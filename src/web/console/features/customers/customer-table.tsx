import { Anchor, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CustomerSummary } from '../../api/types.js';
import { LinkRow } from '../../../ui/link-row.js';
import { VipBadge } from './vip-badge.js';

export interface CustomerTableProps {
  customers: CustomerSummary[];
  /** Path of a customer's 360 page. */
  hrefOf: (customer: CustomerSummary) => string;
}

/** Search results; the whole row opens the 360, the name is the keyboard-reachable link. */
export function CustomerTable({ customers, hrefOf }: CustomerTableProps) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover verticalSpacing="xs" aria-label={t('customers.results')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('customers.name')}</Table.Th>
            <Table.Th>{t('customers.nameKana')}</Table.Th>
            <Table.Th>{t('customers.phone')}</Table.Th>
            <Table.Th>{t('customers.email')}</Table.Th>
            <Table.Th>{t('customers.prefecture')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {customers.map((customer) => (
            <LinkRow key={customer.id} to={hrefOf(customer)}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Anchor component={Link} to={hrefOf(customer)} fw={600}>
                    {customer.name}
                  </Anchor>
                  {customer.vip && <VipBadge size="xs" />}
                </Group>
                {customer.companyName && (
                  <Text size="xs" c="dimmed">
                    {customer.companyName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{customer.nameKana ?? none}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{customer.primaryPhone ?? none}</Table.Td>
              <Table.Td>{customer.primaryEmail ?? none}</Table.Td>
              <Table.Td>{customer.prefecture ?? none}</Table.Td>
            </LinkRow>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
