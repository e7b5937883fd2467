import { Center, Loader } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { onUnauthorized } from '../../api/client.js';
import { LoadError } from '../../common/load-state.js';
import { SESSION_KEY, forgetUserData, homePathFor, useSession } from './session.queries.js';

export interface LoginRedirectState {
  from?: string;
}

/** Only same-app paths are followed after login (no open redirect). */
export function safeReturnPath(state: unknown): string | null {
  const from = (state as LoginRedirectState | null)?.from;
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/login')) return null;
  return from;
}

/** Any 401 on a call that needed a session: forget the user; the guard then sends them to /login. */
export function SessionExpiryWatcher() {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  useEffect(
    () =>
      onUnauthorized(() => {
        if (!queryClient.getQueryData(SESSION_KEY)) return;
        forgetUserData(queryClient);
        notifications.show({ id: 'session-expired', color: 'yellow', message: t('errors.sessionExpired') });
      }),
    [queryClient, t],
  );
  return null;
}

function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100vh" role="status" aria-label={t('common.loading')}>
      <Loader />
    </Center>
  );
}

/** Layout route: renders its children only for a signed-in user. */
export function RequireSession() {
  const location = useLocation();
  const session = useSession();
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) {
    return (
      <Center h="100vh" p="md">
        <LoadError error={session.error} onRetry={() => void session.refetch()} />
      </Center>
    );
  }
  if (!session.data) {
    const state: LoginRedirectState = { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}

/** `/`: the tenant's customer search, or the tenant picker for people serving several companies. */
export function HomeRedirect() {
  const { data: session } = useSession();
  return session ? <Navigate to={homePathFor(session)} replace /> : <Navigate to="/login" replace />;
}
