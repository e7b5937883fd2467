import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import { newSecret } from '../../platform/secrets.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CaseService } from '../cases/case.service.js';
import type { CustomerService } from '../customers/customer.service.js';
import type { InteractionService } from '../interactions/interaction.service.js';
import type { KnowledgePublicService } from '../knowledge/knowledge-public.service.js';
import type { ContactService } from '../routing/contact.service.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import { createPortalContactService } from './portal-contact.service.js';
import { createFormTokens } from './portal-form-token.js';
import { createPortalFreshnessService } from './portal-freshness.service.js';
import { createPortalReaderService } from './portal-reader.service.js';
import { createPortalSettingsService } from './portal-settings.service.js';
import { createPortalVoiceService } from './portal-voice.service.js';
import { createPortalRepository } from './portal.repository.js';

export interface PortalServiceDeps {
  db: Db;
  audit: AuditService;
  ids: IdGenerator;
  clock: Clock;
  knowledgePublic: KnowledgePublicService;
  customers: CustomerService;
  interactions: InteractionService;
  cases: CaseService;
  contacts: ContactService;
  routing: RoutingRuntime;
  /**
   * Key of the forms' HMAC tokens. Without one, each process draws its own at start: a form open
   * across a restart, or posted to another node, is shown again with a "please send again" message.
   */
  formSecret?: string | undefined;
  /** false: no page memo (the benchmark's baseline). */
  cache?: boolean | undefined;
}

/** The FAQ portal's services, wired together (one call from the composition root). */
export function createPortalServices(deps: PortalServiceDeps) {
  const repo = createPortalRepository(deps.db);
  const { audit, ids, clock, knowledgePublic } = deps;
  const settings = createPortalSettingsService({ repo, audit, queueOf: deps.contacts.queueOf, clock, cache: deps.cache !== false });
  const voices = createPortalVoiceService({ repo, audit, ids, clock });
  const reader = createPortalReaderService({ knowledgePublic, voices, clock, cache: deps.cache !== false });
  const freshness = createPortalFreshnessService({ repo, settings, knowledgePublic, clock });
  const contact = createPortalContactService({ audit, customers: deps.customers, interactions: deps.interactions, cases: deps.cases, contacts: deps.contacts, routing: deps.routing });
  const tokens = createFormTokens({ secret: deps.formSecret ?? newSecret(), clock });
  return { settings, voices, reader, freshness, contact, tokens };
}
export type PortalServices = ReturnType<typeof createPortalServices>;
