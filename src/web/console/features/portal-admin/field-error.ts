import { ApiError } from '../../api/client.js';

/** The server's message for one field of a refused save, if that was the refusal. */
export function fieldErrorOf(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(path) : undefined;
}
