import { Badge, type MantineSize } from '@mantine/core';
import { IconCrownFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The VIP (優良顧客) mark, the same on the customer screens and the desk's pops; render it only for a VIP. */
export function VipBadge({ size = 'md' }: { size?: MantineSize }) {
  const { t } = useTranslation();
  return (
    <Badge
      component="span"
      color="yellow"
      variant="filled"
      autoContrast
      size={size}
      leftSection={<IconCrownFilled size={12} aria-hidden />}
      title={t('customers.vipTitle')}
      data-testid="vip-badge"
    >
      {t('customers.vipBadge')}
    </Badge>
  );
}
