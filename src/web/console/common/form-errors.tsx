import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { ApiError } from '../api/client.js';
import { errorMessage } from './errors.js';

/**
 * Errors of one form: checks made in the browser plus the server's problem, whose field errors
 * are shown beside the fields and whose `detail` above the buttons.
 */
export function useFormErrors() {
  const [failure, setFailure] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});

  const fieldError = useCallback(
    (path: string): string | undefined =>
      local[path] ?? (failure instanceof ApiError ? failure.fieldError(path) : undefined),
    [failure, local],
  );

  /** Only an error reported on exactly this path, not on its children. */
  const fieldErrorExact = useCallback(
    (path: string): string | undefined =>
      local[path] ?? (failure instanceof ApiError ? failure.fieldErrors[path] : undefined),
    [failure, local],
  );

  const reset = useCallback(() => {
    setFailure(null);
    setLocal({});
  }, []);

  /** Replaces the browser-side errors; returns true when there are none. */
  const validate = useCallback((errors: Record<string, string | false | undefined>): boolean => {
    const found: Record<string, string> = {};
    for (const [path, message] of Object.entries(errors)) if (message) found[path] = message;
    setLocal(found);
    if (Object.keys(found).length > 0) setFailure(null);
    return Object.keys(found).length === 0;
  }, []);

  return { failure, setFailure, fieldError, fieldErrorExact, validate, reset };
}

/** The problem's `detail` inside the form, announced to screen readers. */
export function FormErrorAlert({ failure }: { failure: unknown }) {
  if (!failure) return null;
  if (failure instanceof ApiError && failure.status === 401 && failure.code !== 'invalid_credentials') return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} role="alert">
      {errorMessage(failure)}
    </Alert>
  );
}
