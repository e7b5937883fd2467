import i18next from 'i18next';
import { ApiError } from '../../api/client.js';
import { errorMessage } from '../../common/errors.js';
import type { AgentCommand } from './agent-command.js';

/**
 * Our words for a refused desk command (409): the router answers with a generic `conflict` and an
 * engine message meant for developers, but the agent needs to know what to do next.
 */
export function conflictMessageKey(command: AgentCommand): string | null {
  switch (command.kind) {
    case 'presence':
      return command.body.change === 'logout' ? 'desk.conflict.logout' : null;
    case 'accept':
    case 'reject':
      return 'desk.conflict.offerGone';
    case 'end':
      return 'desk.conflict.notConnected';
    case 'wrapUp':
      return 'desk.conflict.notInWrapUp';
    case 'transfer':
    case 'consult':
      return 'desk.conflict.targetUnavailable';
    default:
      return null;
  }
}

/** The same error with our words as its detail, for forms that show `detail` (FormErrorAlert). */
export function withDeskMessage(command: AgentCommand, error: unknown): unknown {
  if (!(error instanceof ApiError) || error.status !== 409 || !conflictMessageKey(command)) return error;
  return new ApiError({ type: 'about:blank', title: error.title, status: error.status, code: error.code, detail: deskErrorMessage(command, error) });
}

/** The message for a failed desk command. */
export function deskErrorMessage(command: AgentCommand, error: unknown): string {
  if (error instanceof ApiError && error.status === 409) {
    const key = conflictMessageKey(command);
    if (key) return i18next.t(key);
  }
  return errorMessage(error);
}
