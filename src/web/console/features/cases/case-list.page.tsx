import { Button, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../../ui/page-header.js';
import { PagedResults } from '../../common/paged-results.js';
import { casePath, tenantPath } from '../../common/paths.js';
import { useTenant } from '../auth/tenant-context.js';
import { CaseCreateModal } from './case-create-modal.js';
import { EMPTY_CASE_FILTERS, caseFiltersToParams, caseFiltersToQuery, parseCaseFilters, type CaseFilterState } from './case-filters.js';
import { CaseFiltersBar } from './case-filters-bar.js';
import { CaseTable } from './case-table.js';
import { useCaseList } from './case.queries.js';

const PAGE_SIZE = 20;

export function CaseListPage() {
  const { t } = useTranslation();
  const { slug, timeZone, can } = useTenant();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = parseCaseFilters(params);
  const list = useCaseList(caseFiltersToQuery(filters, PAGE_SIZE));
  const [creating, setCreating] = useState(false);
  const base = tenantPath(slug);

  const update = (next: CaseFilterState) => setParams(caseFiltersToParams(next), { replace: true });

  return (
    <Stack gap="md">
      <PageHeader
        title={t('cases.title')}
        actions={
          can('cases:write') && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('cases.new')}
            </Button>
          )
        }
      />
      <CaseFiltersBar
        value={filters}
        onChange={(patch) => update({ ...filters, ...patch, page: 1 })}
        onReset={() => update(EMPTY_CASE_FILTERS)}
      />
      <PagedResults query={list} emptyText={t('cases.empty')} onPageChange={(page) => setParams(caseFiltersToParams({ ...filters, page }))}>
        {(cases) => <CaseTable cases={cases} timeZone={timeZone} tenantPath={base} />}
      </PagedResults>
      <CaseCreateModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => navigate(casePath(base, created.id))}
      />
    </Stack>
  );
}
