import { Button, Card, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../ui/page-header.js';
import { useSession } from '../auth/session.queries.js';
import { useTenant } from '../auth/tenant-context.js';
import { OwnerSelect } from '../cases/owner-select.js';
import { CallLogList } from './call-log-list.js';
import { EMPTY_CALL_FILTERS, callFiltersToParams, callFiltersToQuery, isReversedRange, parseCallFilters, type CallFilterState } from './call-filters.js';

const PAGE_SIZE = 50;

/**
 * /t/:tenant/calls — 通話履歴: supervisors and admins see every call of the company, by agent and
 * days; an agent sees the calls they took or made (自分の通話).
 */
export function CallLogPage() {
  const { t } = useTranslation();
  const { timeZone, can } = useTenant();
  const { data: session } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = parseCallFilters(params);
  // Who may not monitor the center sees their own calls only (the server says so too).
  const seesAll = can('routing:monitor');
  const ownUserId = seesAll ? null : (session?.user.id ?? '');
  const query = callFiltersToQuery(filters, { timeZone, limit: PAGE_SIZE, ownUserId });
  const reversed = isReversedRange(filters);

  const update = (patch: Partial<CallFilterState>) => setParams(callFiltersToParams({ ...filters, ...patch }), { replace: true });

  return (
    <Stack gap="md">
      <PageHeader title={seesAll ? t('calls.title') : t('calls.mine')} subtitle={seesAll ? undefined : t('calls.mineHint')} />
      <Card withBorder radius="md" padding="md" component="section" aria-label={t('calls.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          {seesAll && (
            <OwnerSelect label={t('calls.agentFilter')} value={filters.agent} onChange={(agent) => update({ agent })} emptyLabel={t('common.all')} />
          )}
          <TextInput type="date" label={t('calls.fromDay')} description={timeZone} value={filters.from} onChange={(e) => update({ from: e.currentTarget.value })} />
          <TextInput
            type="date"
            label={t('calls.toDay')}
            description={timeZone}
            value={filters.to}
            onChange={(e) => update({ to: e.currentTarget.value })}
            error={reversed ? t('calls.reversedRange') : undefined}
          />
          <Group align="flex-end">
            {(filters.agent || filters.from || filters.to) && (
              <Button variant="subtle" size="sm" onClick={() => setParams(callFiltersToParams(EMPTY_CALL_FILTERS), { replace: true })}>
                {t('calls.resetFilters')}
              </Button>
            )}
          </Group>
        </SimpleGrid>
      </Card>
      <Card withBorder radius="md" padding="md">
        <CallLogList query={query} emptyText={t('calls.empty')} showCustomer />
      </Card>
    </Stack>
  );
}
