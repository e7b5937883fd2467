import { Badge, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Case, CasePriority, CaseStatus } from '../../api/types.js';
import { formatDateTime } from '../../../ui/format/datetime.js';
import { isOverdue } from './case-rules.js';

const STATUS_COLORS: Record<CaseStatus, string> = {
  new: 'blue',
  open: 'indigo',
  pending: 'yellow',
  resolved: 'teal',
  closed: 'gray',
};

// Badges truncate when a table column is narrow; a status must always be readable in full.
const FULL_WIDTH = { minWidth: 'max-content' } as const;

const PRIORITY_COLORS: Record<CasePriority, string> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" style={FULL_WIDTH}>
      {t(`statuses.${status}`)}
    </Badge>
  );
}

export function CasePriorityBadge({ priority }: { priority: CasePriority }) {
  const { t } = useTranslation();
  return (
    <Badge color={PRIORITY_COLORS[priority]} variant={priority === 'urgent' ? 'filled' : 'outline'} style={FULL_WIDTH}>
      {t(`priorities.${priority}`)}
    </Badge>
  );
}

/** Due time in the tenant's zone; red with the word "期限超過" when overdue (not by colour alone). */
export function CaseDue({ item, timeZone }: { item: Pick<Case, 'dueAt' | 'status'>; timeZone: string }) {
  const { t } = useTranslation();
  const text = formatDateTime(item.dueAt, timeZone);
  if (!isOverdue(item)) return <Text size="sm" component="span">{text}</Text>;
  return (
    <Group gap={4} wrap="nowrap" c="red.7">
      <IconAlertTriangle size={14} aria-hidden />
      <Text size="sm" fw={600} component="span" c="red.7">
        {text}
      </Text>
      <Text size="xs" fw={600} component="span" c="red.7">
        {t('cases.overdue')}
      </Text>
    </Group>
  );
}
