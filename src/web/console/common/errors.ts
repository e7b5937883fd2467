import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { ApiError, NETWORK_ERROR } from '../api/client.js';

/** Our own words for codes whose problem may arrive without a `detail`. */
const MESSAGE_BY_CODE: Record<string, string> = {
  invalid_credentials: 'auth.invalidCredentials',
};

/** What to tell the user about a failed call: the server's `detail` first, our words otherwise. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR) return i18next.t('errors.network');
    if (error.status === 429) return error.detail || i18next.t('errors.rateLimited');
    if (error.detail) return error.detail;
    const own = MESSAGE_BY_CODE[error.code];
    if (own) return i18next.t(own);
    if (error.status === 403) return i18next.t('errors.forbidden');
    if (error.status === 404) return i18next.t('errors.notFound');
  }
  return i18next.t('errors.generic');
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** A red toast for failures outside forms (deletes, status moves). 401s are handled by the login redirect. */
export function notifyError(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) return;
  notifications.show({ color: 'red', title: i18next.t('errors.title'), message: errorMessage(error) });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message });
}
