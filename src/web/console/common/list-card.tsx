import { Card, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LoadError, LoadingState } from './load-state.js';

/** The body of a list page: loading, the load error with a retry, the empty text, or the items (a table) in a card. */
export function ListCard<T>({ query, empty, children }: { query: UseQueryResult<T[]>; empty: string; children: (items: T[]) => ReactNode }) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Card withBorder radius="md" padding={0}>
      {query.data.length === 0 ? (
        <Text p="md" c="dimmed">
          {empty}
        </Text>
      ) : (
        children(query.data)
      )}
    </Card>
  );
}
