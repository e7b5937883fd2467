import { Badge, Card, Group, Select, Table, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessHoursRecord, DayRule } from '../../api/routing-types.js';
import { LoadError, LoadingState } from '../../common/load-state.js';
import { formatDate, todayIn } from '../../../ui/format/datetime.js';
import { useTenant } from '../auth/tenant-context.js';
import { previewHoursText } from './hours-form.js';
import { useHoursPreview } from './routing-admin.queries.js';

const RULE_COLORS: Record<DayRule, string> = { special: 'grape', closure: 'red', holiday: 'orange', weekly: 'gray' };
const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function weekdayOf(date: string): (typeof WEEKDAY_KEYS)[number] {
  const [y, m, d] = date.split('-').map(Number);
  return WEEKDAY_KEYS[new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay()] ?? 'sun';
}

/** 今後14日間: how the router will treat each day (holidays, closures and special days applied by the server). */
export function HoursPreview({ hours }: { hours: BusinessHoursRecord[] }) {
  const { t } = useTranslation();
  const { timeZone } = useTenant();
  const headingId = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const hoursId = chosen && hours.some((h) => h.id === chosen) ? chosen : (hours[0]?.id ?? null);
  const from = todayIn(timeZone);
  const preview = useHoursPreview(hoursId, from, 14);
  if (hours.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id={headingId}>
          {t('routingAdmin.hours.preview')}
        </Title>
        <Select
          aria-label={t('routingAdmin.hours.previewOf')}
          data={hours.map((h) => ({ value: h.id, label: h.name }))}
          value={hoursId}
          onChange={setChosen}
          allowDeselect={false}
          w={240}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      {preview.isPending ? (
        <LoadingState />
      ) : preview.isError ? (
        <LoadError error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing={4} fz="sm" data-testid="hours-preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('routingAdmin.hours.date')}</Table.Th>
                <Table.Th>{t('routingAdmin.hours.rule')}</Table.Th>
                <Table.Th>{t('routingAdmin.hours.hoursOfDay')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.data.map((day) => {
                const text = previewHoursText(day);
                return (
                  <Table.Tr key={day.date}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(day.date)}（{t(`routingAdmin.weekdaysShort.${weekdayOf(day.date)}`)}）
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Badge size="sm" variant="light" color={RULE_COLORS[day.rule] ?? 'gray'}>
                          {t(`routingAdmin.hours.rules.${day.rule}`, { defaultValue: day.rule })}
                        </Badge>
                        {(day.name ?? day.holiday) && <Text size="sm">{day.name ?? day.holiday}</Text>}
                      </Group>
                    </Table.Td>
                    <Table.Td>{text ?? <Text span c="red.7" size="sm" fw={600}>{t('routingAdmin.hours.closedAllDay')}</Text>}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
