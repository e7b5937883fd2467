import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { apiRequest, buildUrl } from '../../api/client.js';
import type { Wallboard } from '../../api/routing-types.js';
import { useJsonSocket, type SocketStatus } from '../../common/use-json-socket.js';

function isWallboardMessage(value: unknown): value is { type: 'wallboard'; board: Wallboard } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; board?: { queues?: unknown } };
  return v.type === 'wallboard' && typeof v.board === 'object' && v.board !== null && Array.isArray(v.board.queues);
}

/** The more recent of two boards (ISO `at` strings compare in time order). */
function newest(a: Wallboard | undefined, b: Wallboard | undefined): Wallboard | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.at >= b.at ? a : b;
}

/** `tenants=a,b`, or nothing for "every tenant I may monitor". */
function tenantsQuery(slugs: readonly string[]) {
  return slugs.length ? { tenants: slugs.join(',') } : undefined;
}

/**
 * The live board: pushed over `/api/v1/wallboard/ws` (at most once a second while something
 * changes). While the socket is down the board is read over HTTP every 10 s, so a wall display
 * never freezes silently.
 */
export function useWallboard(slugs: readonly string[]): { board: Wallboard | undefined; status: SocketStatus; error: unknown; reconnect: () => void } {
  const [pushed, setPushed] = useState<{ key: string; board: Wallboard } | null>(null);
  const key = slugs.join(',');
  const onMessage = useCallback(
    (message: unknown) => {
      if (isWallboardMessage(message)) setPushed({ key, board: message.board });
    },
    [key],
  );
  const socket = useJsonSocket({ path: buildUrl('/api/v1/wallboard/ws', tenantsQuery(slugs)), onMessage });
  const live = socket.status === 'open' && pushed?.key === key;
  const polled = useQuery({
    queryKey: ['wallboard', key],
    queryFn: ({ signal }) => apiRequest<Wallboard>('/api/v1/wallboard', { signal, ...(slugs.length ? { query: { tenants: key } } : {}) }),
    enabled: !live,
    refetchInterval: live ? false : 10_000,
    staleTime: 0,
  });
  const pushedBoard = pushed?.key === key ? pushed.board : undefined;
  const board = newest(pushedBoard, live ? undefined : polled.data);
  return { board, status: socket.status, error: board ? null : polled.error, reconnect: socket.reconnect };
}
