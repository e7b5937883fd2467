import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OwnedProduct } from '../../api/types.js';
import { formatDate, todayIn } from '../../../ui/format/datetime.js';
import { SectionTable } from '../../../ui/section-table.js';

/** 保有製品: what the customer owns, with the serial an IVR caller may have keyed in. */
export function OwnedProductsSection({ products, timeZone }: { products: OwnedProduct[]; timeZone: string }) {
  const { t } = useTranslation();
  const today = todayIn(timeZone);
  const none = t('common.none');
  return (
    <SectionTable
      title={t('products.title')}
      emptyText={t('products.empty')}
      items={products}
      head={
        <>
          <Table.Th>
            {t('products.productName')} / {t('products.sku')}
          </Table.Th>
          <Table.Th>{t('products.serial')}</Table.Th>
          <Table.Th>{t('products.purchasedOn')}</Table.Th>
          <Table.Th>{t('products.warrantyUntil')}</Table.Th>
        </>
      }
      row={(product) => {
        const expired = product.warrantyUntil !== null && product.warrantyUntil < today;
        return (
          <Table.Tr key={product.id}>
            <Table.Td>
              <Text size="sm" fw={600}>
                {product.productName}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {product.sku}
              </Text>
            </Table.Td>
            <Table.Td ff="monospace">{product.serial ?? none}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(product.purchasedOn)}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {formatDate(product.warrantyUntil)}
              {expired && (
                <Badge display="block" size="xs" color="gray" variant="light" style={{ minWidth: 'max-content' }}>
                  {t('products.warrantyExpired')}
                </Badge>
              )}
            </Table.Td>
          </Table.Tr>
        );
      }}
    />
  );
}
