import type { RoutingError, RoutingErrorCode } from '../../../core/routing/routing.types.js';
import { AppError, type ErrorCode } from '../../platform/app-error.js';

// The engine refuses an event with a code; the edge answers a 4xx and nothing has changed.
const httpCodeOf: Record<RoutingErrorCode, ErrorCode> = {
  unknown_queue: 'not_found',
  unknown_agent: 'not_found',
  unknown_contact: 'not_found',
  tenant_mismatch: 'not_found',
  duplicate_contact: 'duplicate',
  invalid_contact: 'validation_failed',
  invalid_event: 'validation_failed',
  invalid_config: 'validation_failed',
  offer_not_found: 'conflict',
  contact_not_connected: 'conflict',
  contact_not_waiting: 'conflict',
  agent_has_contacts: 'conflict',
  target_unavailable: 'conflict',
  not_in_wrap_up: 'conflict',
  config_in_use: 'conflict',
};

export class RoutingRefused extends AppError {
  constructor(readonly routingCode: RoutingErrorCode, message: string) {
    super(httpCodeOf[routingCode], message, [], routingCode);
  }
}

export const refused = (e: RoutingError) => new RoutingRefused(e.code, e.message);
