import { Button, Card, Loader, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../../ui/page-header.js';
import { PaginationBar } from '../../../ui/pagination-bar.js';
import { LoadError } from '../../common/load-state.js';
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
  const tenantPath = `/t/${encodeURIComponent(slug)}`;

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
      <Card withBorder radius="md" padding="md">
        {list.isError && !list.data ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data && list.data.items.length === 0 ? (
          <Text c="dimmed" ta="center" py="lg" role="status">
            {t('cases.empty')}
          </Text>
        ) : list.data ? (
          <>
            <CaseTable cases={list.data.items} timeZone={timeZone} tenantPath={tenantPath} />
            <PaginationBar
              page={list.data.page}
              pageSize={list.data.pageSize}
              total={list.data.total}
              onChange={(page) => setParams(caseFiltersToParams({ ...filters, page }))}
            />
          </>
        ) : (
          <Stack align="center" py="lg">
            <Loader size="sm" aria-label={t('common.loading')} />
          </Stack>
        )}
      </Card>
      <CaseCreateModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => navigate(`${tenantPath}/cases/${encodeURIComponent(created.id)}`)}
      />
    </Stack>
  );
}
