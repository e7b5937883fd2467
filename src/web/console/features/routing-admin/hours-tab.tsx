import { Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessHoursRecord } from '../../api/routing-types.js';
import { AdminList } from './admin-list.js';
import { WEEKDAYS_MON_FIRST } from './hours-form.js';
import { HoursFormModal } from './hours-form-modal.js';
import { HoursPreview } from './hours-preview.js';
import { useHoursList, useRemoveHours } from './routing-admin.queries.js';

/** 営業時間: weekly hours, holidays, closures and special days, with the next two weeks previewed. */
export function HoursTab() {
  const { t } = useTranslation();
  const hours = useHoursList();
  const remove = useRemoveHours();
  const [editing, setEditing] = useState<BusinessHoursRecord | 'new' | null>(null);
  const weeklySummary = (record: BusinessHoursRecord) =>
    WEEKDAYS_MON_FIRST.filter((d) => (record.spec.weekly?.[d] ?? []).length > 0)
      .map((d) => t(`routingAdmin.weekdaysShort.${d}`))
      .join('');
  return (
    <Stack gap="md">
      <AdminList
        query={hours}
        addLabel={t('routingAdmin.hours.add')}
        onAdd={() => setEditing('new')}
        emptyText={t('routingAdmin.hours.empty')}
        head={
          <>
            <Table.Th>{t('routingAdmin.hours.name')}</Table.Th>
            <Table.Th>{t('routingAdmin.hours.openDays')}</Table.Th>
            <Table.Th>{t('routingAdmin.hours.holidays')}</Table.Th>
            <Table.Th>{t('routingAdmin.hours.timeZone')}</Table.Th>
          </>
        }
        cells={(record) => (
          <>
            <Table.Td fw={600}>{record.name}</Table.Td>
            <Table.Td>{weeklySummary(record) || <Text span c="dimmed" size="sm">{t('routingAdmin.hours.closedAllDay')}</Text>}</Table.Td>
            <Table.Td>
              {typeof record.spec.nationalHolidays === 'string'
                ? t(record.spec.nationalHolidays === 'closed' ? 'routingAdmin.hours.holidayClosed' : 'routingAdmin.hours.holidayWeekly')
                : t('routingAdmin.hours.holidayCustom')}
            </Table.Td>
            <Table.Td>{record.spec.timeZone}</Table.Td>
          </>
        )}
        rowKey={(record) => record.id}
        rowName={(record) => record.name}
        onEdit={setEditing}
        onDelete={(record) => remove.mutateAsync(record.id)}
      />
      <HoursPreview hours={hours.data ?? []} />
      <HoursFormModal hours={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}
