import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RoutingConfigSink } from '../routing/routing-config.sink.js';
import { createAgentAdmin } from './agent-admin.service.js';
import { createConfigWriter } from './config-write.js';
import { createHoursAdmin } from './hours-admin.service.js';
import { createQueueAdmin } from './queue-admin.service.js';
import { createReasonCodeAdmin } from './reason-code-admin.service.js';
import { createRoutingAdminRepository } from './routing-admin.repository.js';
import { createSkillAdmin } from './skill-admin.service.js';

export interface RoutingAdminDeps {
  db: Db;
  ids: IdGenerator;
  clock: Clock;
  audit: AuditService;
  routing: RoutingConfigSink;
}

/**
 * Routing administration of one tenant (issue: queues, skills, agent skills and capacities,
 * business hours and closures, reason and disposition codes). Every write is checked by the live
 * engine before it commits and applied to it after (see config-write.ts).
 */
export function createRoutingAdminService(deps: RoutingAdminDeps) {
  const parts = {
    read: createRoutingAdminRepository(deps.db),
    write: createConfigWriter(deps),
    ids: deps.ids,
    clock: deps.clock,
  };
  return {
    ...createSkillAdmin(parts),
    ...createHoursAdmin(parts),
    ...createQueueAdmin(parts),
    ...createAgentAdmin(parts),
    ...createReasonCodeAdmin(parts),
  };
}
export type RoutingAdminService = ReturnType<typeof createRoutingAdminService>;
