import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../api/types.js';
import { formatDateTime, formatYen } from '../../../ui/format/datetime.js';
import { SectionCard } from '../../../ui/section-card.js';

function OrderCard({ order, timeZone }: { order: Order; timeZone: string }) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <Paper withBorder radius="md" p="sm">
      <Group justify="space-between" wrap="wrap" mb="xs">
        <Group gap="sm" wrap="wrap">
          <Text fw={600} size="sm" ff="monospace">
            {order.orderNumber}
          </Text>
          <Text size="sm" c="dimmed" component="time" dateTime={order.orderedAt}>
            {formatDateTime(order.orderedAt, timeZone)}
          </Text>
          <Badge variant="light" color="gray">
            {t(`orderStatuses.${order.status}`, { defaultValue: order.status })}
          </Badge>
        </Group>
        <Text fw={700}>
          {t('orders.total')} {formatYen(order.totalJpy)}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={480}>
        <Table verticalSpacing={4} fz="sm" withRowBorders={false} aria-label={order.orderNumber}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('orders.sku')}</Table.Th>
              <Table.Th>{t('orders.item')}</Table.Th>
              <Table.Th ta="right">{t('orders.quantity')}</Table.Th>
              <Table.Th ta="right">{t('orders.unitPrice')}</Table.Th>
              <Table.Th ta="right">{t('orders.subtotal')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.lines.map((line) => (
              <Table.Tr key={line.id}>
                <Table.Td ff="monospace">{line.sku ?? none}</Table.Td>
                <Table.Td>{line.name}</Table.Td>
                <Table.Td ta="right">{line.quantity.toLocaleString('ja-JP')}</Table.Td>
                <Table.Td ta="right">{formatYen(line.unitPriceJpy)}</Table.Td>
                <Table.Td ta="right">{formatYen(line.unitPriceJpy * line.quantity)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** 購入履歴: orders with their lines, amounts in yen. */
export function OrdersSection({ orders, timeZone }: { orders: Order[]; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <SectionCard title={t('orders.title')}>
      {orders.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('orders.empty')}
        </Text>
      ) : (
        <Stack gap="sm">
          {orders.map((order) => (
            <OrderCard key={order.id} order={order} timeZone={timeZone} />
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}
