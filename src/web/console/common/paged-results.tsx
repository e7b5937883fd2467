import { Card, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types.js';
import { PaginationBar } from '../../ui/pagination-bar.js';
import { LoadError } from './load-state.js';

export interface PagedResultsProps<T> {
  /** The list query; while a new page loads, the previous one stays on screen. */
  query: { data: Page<T> | undefined; isError: boolean; error: unknown; refetch: () => unknown };
  emptyText: string;
  onPageChange: (page: number) => void;
  /** The table of one page. */
  children: (items: T[]) => ReactNode;
}

/** A card with one page of search results and the pager; or loading, the error, or "nothing found". */
export function PagedResults<T>({ query, emptyText, onPageChange, children }: PagedResultsProps<T>) {
  const { t } = useTranslation();
  const { data } = query;
  return (
    <Card withBorder radius="md" padding="md">
      {query.isError && !data ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : data && data.items.length === 0 ? (
        <Text c="dimmed" ta="center" py="lg" role="status">
          {emptyText}
        </Text>
      ) : data ? (
        <>
          {children(data.items)}
          <PaginationBar page={data.page} pageSize={data.pageSize} total={data.total} onChange={onPageChange} />
        </>
      ) : (
        <Stack align="center" py="lg">
          <Loader size="sm" aria-label={t('common.loading')} />
        </Stack>
      )}
    </Card>
  );
}
