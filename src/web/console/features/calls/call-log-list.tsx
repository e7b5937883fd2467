import { Button, Center, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError, LoadingState } from '../../common/load-state.js';
import { CallTable } from './call-table.js';
import { useCallLog, type CallLogQuery } from './call.queries.js';

export interface CallLogListProps {
  query: CallLogQuery;
  emptyText: string;
  showCustomer?: boolean;
}

/** Calls of the log, newest first, and older ones page by page (the API's cursor) on demand. */
export function CallLogList({ query, emptyText, showCustomer }: CallLogListProps) {
  const { t } = useTranslation();
  const log = useCallLog(query);
  if (log.isPending) return <LoadingState />;
  if (log.isError) return <LoadError error={log.error} onRetry={() => void log.refetch()} />;
  const calls = log.data.pages.flatMap((page) => page.items);
  if (calls.length === 0) {
    return (
      <Text size="sm" c="dimmed" role="status" data-testid="calls-empty">
        {emptyText}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      <CallTable calls={calls} showCustomer={showCustomer} />
      {log.hasNextPage && (
        <Center>
          <Button variant="default" size="sm" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            {t('calls.more')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}
