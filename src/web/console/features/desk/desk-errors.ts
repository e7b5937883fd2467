import i18next from 'i18next';
import { ApiError } from '../../api/client.js';
import { errorMessage } from '../../common/errors.js';
import type { AgentCommand } from './agent-command.js';

/**
 * Our words for a refused desk command. The router names the rule that refused it in the
 * problem's `reason` (docs/routing-api.md); its `detail` is an engine message meant for developers,
 * but the agent needs to know what happened and what to do next.
 */

/** Routing rules an agent can run into at the desk, each with its own words (`desk.refused.<reason>`). */
export const DESK_REFUSAL_REASONS = [
  'offer_not_found',
  'agent_has_contacts',
  'contact_not_connected',
  'not_in_wrap_up',
  'target_unavailable',
  'contact_not_waiting',
  'duplicate_contact',
  'unknown_contact',
  'unknown_agent',
  'unknown_queue',
  'tenant_mismatch',
] as const;
export type DeskRefusalReason = (typeof DESK_REFUSAL_REASONS)[number];

function isDeskRefusalReason(reason: string | null): reason is DeskRefusalReason {
  return reason !== null && (DESK_REFUSAL_REASONS as readonly string[]).includes(reason);
}

/**
 * The words for a 409 that came without a `reason` (an older server): guessed from the command,
 * since each command is refused for one rule in practice.
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

/** The message key for a refused command: by the rule the server names, else (409 only) by the command; null → the server's words. */
export function refusalMessageKey(command: AgentCommand, error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  if (isDeskRefusalReason(error.reason)) return `desk.refused.${error.reason}`;
  if (error.status === 409) return conflictMessageKey(command);
  return null;
}

/** The same error with our words as its detail, for forms that show `detail` (FormErrorAlert). */
export function withDeskMessage(command: AgentCommand, error: unknown): unknown {
  if (!(error instanceof ApiError) || !refusalMessageKey(command, error)) return error;
  return new ApiError({
    type: 'about:blank',
    title: error.title,
    status: error.status,
    code: error.code,
    ...(error.reason ? { reason: error.reason } : {}),
    detail: deskErrorMessage(command, error),
  });
}

/** The message for a failed desk command. */
export function deskErrorMessage(command: AgentCommand, error: unknown): string {
  const key = refusalMessageKey(command, error);
  return key ? i18next.t(key) : errorMessage(error);
}
