import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest, setCsrfToken } from '../../api/client.js';
import type { LoginRequest, Session } from '../../api/types.js';
import { tenantHomePath } from './tenant-context.js';

export const SESSION_KEY = ['session'] as const;

/** Keeps the cached session and the client's CSRF token in step. */
export function storeSession(queryClient: QueryClient, session: Session | null): void {
  setCsrfToken(session?.csrfToken ?? null);
  queryClient.setQueryData(SESSION_KEY, session);
}

/** Drops everything cached for the previous user except the (now empty) session. */
export function forgetUserData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  storeSession(queryClient, null);
}

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await apiRequest<Session>('/api/v1/me', { expectUnauthorized: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in user, `null` when signed out, `undefined` while the first probe runs. */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: fetchSession,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: LoginRequest) =>
      apiRequest<Session>('/api/v1/auth/login', { method: 'POST', body: credentials, expectUnauthorized: true }),
    onSuccess: (session) => {
      forgetUserData(queryClient);
      storeSession(queryClient, session);
    },
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => apiRequest<void>('/api/v1/auth/logout', { method: 'POST', expectUnauthorized: true }),
  });
}

/** Where a freshly signed-in user lands: straight into the only tenant, or the picker. */
export function homePathFor(session: Session): string {
  const [only, ...others] = session.memberships;
  return only && others.length === 0 ? tenantHomePath(only) : '/tenants';
}
