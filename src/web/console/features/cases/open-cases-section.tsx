import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../api/types.js';
import { SectionTable } from '../../../ui/section-table.js';
import { tenantPath } from '../../common/paths.js';
import { useTenant } from '../auth/tenant-context.js';
import { CaseCells, CaseHeaderCells, type CaseColumn } from './case-table.js';

const COLUMNS: readonly CaseColumn[] = ['number', 'title', 'status', 'priority', 'due'];

/** 未完了の案件 of a customer, on the 360. */
export function OpenCasesSection({ cases }: { cases: Case[] }) {
  const { t } = useTranslation();
  const { slug, timeZone } = useTenant();
  const base = tenantPath(slug);
  return (
    <SectionTable
      title={t('cases.openCasesTitle')}
      emptyText={t('cases.openCasesEmpty')}
      items={cases}
      head={<CaseHeaderCells columns={COLUMNS} />}
      row={(item) => (
        <Table.Tr key={item.id}>
          <CaseCells item={item} columns={COLUMNS} timeZone={timeZone} tenantPath={base} />
        </Table.Tr>
      )}
    />
  );
}
