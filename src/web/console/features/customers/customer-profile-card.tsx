import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconBuilding, IconPencil, IconUser } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../api/types.js';
import { DescriptionItem } from '../../../ui/description-item.js';
import { formatDateTime } from '../../../ui/format/datetime.js';
import { VipBadge } from './vip-badge.js';

export interface CustomerProfileCardProps {
  customer: Customer;
  timeZone: string;
  /** Main actions (対応を記録…), shown top right. */
  actions?: ReactNode;
  onEdit?: (() => void) | undefined;
  /** Level of the name heading: 1 on the 360 page, lower inside the agent desk's screen pop. */
  headingOrder?: 1 | 2 | 3;
}

/** Who is on the line: name, kana, kind (and VIP), segment and consent at a glance. */
export function CustomerProfileCard({ customer, timeZone, actions, onEdit, headingOrder = 1 }: CustomerProfileCardProps) {
  const { t } = useTranslation();
  const none = t('common.none');
  const ageGroup = customer.ageGroup ? t(`ageGroups.${customer.ageGroup}`, { defaultValue: customer.ageGroup }) : none;
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={2}>
          {customer.nameKana && (
            <Text size="sm" c="dimmed">
              {customer.nameKana}
            </Text>
          )}
          <Group gap="sm" align="center">
            <Title order={headingOrder} size="h2">
              {customer.name}
            </Title>
            <Badge
              variant="light"
              color={customer.kind === 'company' ? 'grape' : 'blue'}
              leftSection={customer.kind === 'company' ? <IconBuilding size={12} aria-hidden /> : <IconUser size={12} aria-hidden />}
            >
              {t(`customerKinds.${customer.kind}`)}
            </Badge>
            {customer.vip && <VipBadge />}
          </Group>
          {customer.companyName && <Text size="sm">{customer.companyName}</Text>}
        </Stack>
        <Group gap="sm">
          {actions}
          {onEdit && (
            <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit}>
              {t('customer360.edit')}
            </Button>
          )}
        </Group>
      </Group>
      <SimpleGrid component="dl" cols={{ base: 2, sm: 3, lg: 5 }} spacing="md" mt="md" mb={0}>
        <DescriptionItem label={t('customer360.ageGroup')}>{ageGroup}</DescriptionItem>
        <DescriptionItem label={t('customer360.prefecture')}>{customer.prefecture ?? none}</DescriptionItem>
        <DescriptionItem label={t('customer360.address')}>
          {[customer.postalCode && `〒${customer.postalCode}`, customer.address].filter(Boolean).join(' ') || none}
        </DescriptionItem>
        <DescriptionItem label={t('customer360.consent')}>
          <Badge component="span" variant="dot" color={customer.consentMarketing ? 'teal' : 'gray'}>
            {customer.consentMarketing ? t('customer360.consentYes') : t('customer360.consentNo')}
          </Badge>
        </DescriptionItem>
        <DescriptionItem label={t('customer360.updatedAt')}>{formatDateTime(customer.updatedAt, timeZone)}</DescriptionItem>
      </SimpleGrid>
      {customer.notes && (
        <Stack gap={2} mt="md" component="dl" m={0}>
          <DescriptionItem label={t('customer360.notes')}>{customer.notes}</DescriptionItem>
        </Stack>
      )}
    </Card>
  );
}
