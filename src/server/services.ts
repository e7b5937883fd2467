import type { Database, Db } from './db/client.js';
import type { Clock } from './platform/clock.js';
import type { IdGenerator } from './platform/ids.js';
import { skillKey } from '../core/routing/skill-key.js';
import { createAuditRepository } from './features/audit/audit.repository.js';
import { createAuditService } from './features/audit/audit.service.js';
import { createAuthRepository } from './features/auth/auth.repository.js';
import { createAuthService } from './features/auth/auth.service.js';
import { createTenantRepository } from './features/tenants/tenant.repository.js';
import { createTenantService } from './features/tenants/tenant.service.js';
import { createUserRepository } from './features/users/user.repository.js';
import { createUserService } from './features/users/user.service.js';
import { createCustomerRepository } from './features/customers/customer.repository.js';
import { createCustomerService } from './features/customers/customer.service.js';
import { createCustomerOverviewService } from './features/customers/customer-overview.service.js';
import { createCustomerImportService } from './features/customers/customer-import.service.js';
import { createCatalogRepository } from './features/catalog/catalog.repository.js';
import { createCatalogService } from './features/catalog/catalog.service.js';
import { createOrderRepository } from './features/orders/order.repository.js';
import { createOrderService } from './features/orders/order.service.js';
import { createInteractionRepository } from './features/interactions/interaction.repository.js';
import { createInteractionService } from './features/interactions/interaction.service.js';
import { createCaseRepository } from './features/cases/case.repository.js';
import { createKnowledgeArticleRepository } from './features/knowledge/knowledge-article.repository.js';
import { createKnowledgeSearchRepository } from './features/knowledge/knowledge-search.repository.js';
import { createKnowledgeService } from './features/knowledge/knowledge.service.js';
import { createKnowledgeVersionRepository } from './features/knowledge/knowledge-version.repository.js';
import { createKnowledgeWorkflowService } from './features/knowledge/knowledge-workflow.service.js';
import { createKnowledgeAttachmentRepository } from './features/knowledge/knowledge-attachment.repository.js';
import { createKnowledgeAttachmentService } from './features/knowledge/knowledge-attachment.service.js';
import { createKnowledgeReportRepository } from './features/knowledge/knowledge-report.repository.js';
import { createKnowledgeReportService } from './features/knowledge/knowledge-report.service.js';
import { createKnowledgeSuggestRepository } from './features/knowledge/knowledge-suggest.repository.js';
import { createKnowledgeSuggestService } from './features/knowledge/knowledge-suggest.service.js';
import { seedDemoKnowledge } from './features/demo/demo-knowledge.js';
import { createKnowledgeImportRepository } from './features/knowledge-import/knowledge-import.repository.js';
import { createKnowledgeImportService } from './features/knowledge-import/knowledge-import.service.js';
import { createCaseService, type CaseService } from './features/cases/case.service.js';
import { createDemoSeedRepository } from './features/demo/demo-seed.repository.js';
import { createDemoSeedService } from './features/demo/demo-seed.service.js';
import { createRoutingRuntime } from './features/routing/routing-runtime.js';
import { createContactRepository } from './features/routing/contact.repository.js';
import { createContactService } from './features/routing/contact.service.js';
import { createDeskRepository } from './features/routing/desk.repository.js';
import { createAgentDeskService } from './features/routing/agent-desk.service.js';
import { createWallboardService } from './features/routing/wallboard.service.js';
import { createActivityClock } from './features/routing/activity-clock.js';
import { createCallbackRepository } from './features/routing/callback.repository.js';
import { createCallbackService } from './features/routing/callback.service.js';
import { createRoutingAdminService } from './features/routing-admin/routing-admin.service.js';
import { createKnowledgePublicRepository } from './features/knowledge/knowledge-public.repository.js';
import { createKnowledgePublicService } from './features/knowledge/knowledge-public.service.js';
import { createPortalServices } from './features/portal/portal.services.js';
import { seedDemoPortal } from './features/demo/demo-portal.js';
import { createTalkFlowRepository } from './features/talk-flows/talk-flow.repository.js';
import { articleLookupVia, createTalkFlowService } from './features/talk-flows/talk-flow.service.js';
import { seedDemoTalkFlows } from './features/demo/demo-talk-flows.js';
import { seedDemoIvr } from './features/demo/demo-ivr.js';
import { createIvrFlowRepository } from './features/ivr/ivr-flow.repository.js';
import { createIvrFlowService } from './features/ivr/ivr-flow.service.js';
import { createAgentNotices } from './realtime/agent-notices.js';
import { createTelephonySettingsRepository } from './features/telephony/telephony-settings.repository.js';
import { createTelephonySettingsService } from './features/telephony/telephony-settings.service.js';
import { createCtiRepository } from './features/cti/cti.repository.js';
import { createCtiService } from './features/cti/cti.service.js';
import { createCallLogRepository } from './features/calls/call-log.repository.js';
import { createCallLogService } from './features/calls/call-log.service.js';
import { createVoiceCallRepository } from './features/voice/voice-call.repository.js';
import { createTwilioVoiceService } from './features/voice/twilio-voice.service.js';
import { createCallerLookup } from './features/voice/caller-lookup.js';

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  sessionTtlHours: number;
  /** The database's leader lock: one routing writer per database (main, tests). */
  leaderLock?: Database['tryLeaderLock'];
  /** A handle with its own connections for the routing writer (see Database.writer). */
  writerDb?: Db;
  /** Key of the portal forms' signed tokens (default: drawn per process). */
  formSecret?: string;
  /** false: the portal reads the database on every page (benchmark baseline). */
  portalCache?: boolean;
}

/** The composition root: every service wired once, shared by HTTP, CLI and seeding. */
export function createServices({ db, clock, ids, sessionTtlHours, leaderLock, writerDb, formSecret, portalCache }: ServiceDeps) {
  const audit = createAuditService({ repo: createAuditRepository(db), ids, clock });
  const auth = createAuthService({ repo: createAuthRepository(db), audit, clock, ids, sessionTtlHours });
  const tenants = createTenantService({ repo: createTenantRepository(db), ids });
  const users = createUserService({ repo: createUserRepository(db), ids });
  const customerRepo = createCustomerRepository(db);
  const customers = createCustomerService({ repo: customerRepo, audit, ids, clock });
  const assertCustomer = customers.assertExists;
  const assertMember = users.assertMember;
  const catalog = createCatalogService({ repo: createCatalogRepository(db), audit, ids, clock, assertCustomer });
  const orders = createOrderService({
    repo: createOrderRepository(db), audit, ids, clock, assertCustomer,
    assertProduct: async (ctx, id) => void (await catalog.getProduct(ctx, id)),
  });
  // Cases depend on interactions and interactions check case ids: the check is bound late.
  let cases: CaseService | null = null;
  const interactions = createInteractionService({
    repo: createInteractionRepository(db), audit, ids, clock, assertCustomer, assertMember,
    assertCase: (ctx, id) => cases!.assertExists(ctx, id),
  });
  cases = createCaseService({ repo: createCaseRepository(db), audit, ids, clock, interactions, assertCustomer, assertMember });
  const overview = createCustomerOverviewService({ repo: customerRepo, customers, catalog, orders, interactions, cases });
  const demoSeed = createDemoSeedService({
    repo: createDemoSeedRepository(db), ids, clock,
    // Bound late: the portal is wired further down; seeding runs after the whole graph exists.
    seedPortal: (tenants) => seedDemoPortal({ portal, queueOf: contacts.queueOf }, tenants),
    seedKnowledge: (tenants) => seedDemoKnowledge({ knowledge, workflow: knowledgeWorkflow }, tenants),
    seedTalkFlows: (tenants) => seedDemoTalkFlows({ talkFlows, knowledge, routingAdmin }, tenants),
    seedIvr: (tenants) => seedDemoIvr({ ivrFlows, routingAdmin }, tenants),
  });
  const customerImport = createCustomerImportService({ customers, catalog, audit });
  // Routing: one runtime per process drives the engine; it starts with the HTTP app (see app.ts).
  const routing = createRoutingRuntime({ db: writerDb ?? db, clock, ids, leaderLock });
  const contactRepo = createContactRepository(db);
  const deskRepo = createDeskRepository(db);
  const contacts = createContactService({ repo: contactRepo, runtime: routing, customers, catalog, ids, clock });
  const activity = createActivityClock(routing);
  const desk = createAgentDeskService({ runtime: routing, activity, contacts: contactRepo, desk: deskRepo, overview, clock });
  const wallboard = createWallboardService({ db, runtime: routing, desk: deskRepo, activity, clock });
  const callbacks = createCallbackService({ repo: createCallbackRepository(db), contacts, customers, users, ids, clock });
  const routingAdmin = createRoutingAdminService({ db, ids, clock, audit, routing });
  const knowledgeArticles = createKnowledgeArticleRepository(db);
  const knowledge = createKnowledgeService({ audit, articles: knowledgeArticles, search: createKnowledgeSearchRepository(db), ids, clock });
  const knowledgeWorkflow = createKnowledgeWorkflowService({ audit, articles: knowledgeArticles, versions: createKnowledgeVersionRepository(db), ids, clock });
  const knowledgeAttachments = createKnowledgeAttachmentService({ audit, articles: knowledgeArticles, attachments: createKnowledgeAttachmentRepository(db), ids, clock });
  const knowledgeReports = createKnowledgeReportService({ repo: createKnowledgeReportRepository(db) });
  const knowledgeSuggest = createKnowledgeSuggestService({
    articles: knowledgeArticles, suggest: createKnowledgeSuggestRepository(db),
    ownedSkusOf: async (ctx, customerId) => (await catalog.listOwnedByCustomer(ctx, customerId)).map((o) => o.sku),
  });
  const knowledgeImport = createKnowledgeImportService({ repo: createKnowledgeImportRepository(db), knowledge, audit, ids, clock });
  const talkFlows = createTalkFlowService({
    repo: createTalkFlowRepository(db), audit, ids, clock, interactions, cases, assertCustomer, articles: articleLookupVia(knowledge),
    assertQueue: async (ctx, id) => void (await routingAdmin.getQueue(ctx, id)),
  });
  const ivrFlowRepo = createIvrFlowRepository(db);
  const ivrFlows = createIvrFlowService({
    repo: ivrFlowRepo, audit, ids, clock,
    queueIds: async (ctx) => new Set((await routingAdmin.listQueues(ctx)).items.map((q) => q.id)),
    skillKeys: async (ctx) => new Set((await routingAdmin.listSkills(ctx)).items.flatMap((s) => [s.id, skillKey(s.name)])),
  });
  const knowledgePublic = createKnowledgePublicService({ repo: createKnowledgePublicRepository(db), knowledge });
  const portal = createPortalServices({ db, audit, ids, clock, knowledgePublic, customers, interactions, cases, contacts, routing, formSecret, cache: portalCache });
  // Telephony (issue 4): settings, the generic CTI webhook, the call log; screen pops go to one agent's desk sockets.
  const agentNotices = createAgentNotices();
  const telephonySettings = createTelephonySettingsService({
    repo: createTelephonySettingsRepository(db), audit, clock,
    queueExists: async (ctx, id) => (await routingAdmin.listQueues(ctx)).items.some((q) => q.id === id),
  });
  const cti = createCtiService({ repo: createCtiRepository(db), telephony: telephonySettings, customers, contacts, routing, notices: agentNotices, ids, clock });
  const callLog = createCallLogService({ repo: createCallLogRepository(db), audit, customers, clock });
  const twilioVoice = createTwilioVoiceService({
    calls: createVoiceCallRepository(db), flows: ivrFlowRepo, twilioSecretsOf: telephonySettings.twilioSecretsOf, contacts, callbacks, routing, ids, clock,
    lookup: createCallerLookup({ customers, catalog, cases }),
  });
  return {
    audit, auth, tenants, users, customers, overview, catalog, orders, interactions, cases, demoSeed, customerImport,
    routing, contacts, desk, wallboard, callbacks, routingAdmin, knowledge, talkFlows,
    knowledgeWorkflow, knowledgeAttachments, knowledgeReports, knowledgeSuggest,
    knowledgeImport,
    knowledgePublic, portal, ivrFlows, twilioVoice,
    agentNotices, telephonySettings, cti, callLog,
  };
}
export type Services = ReturnType<typeof createServices>;
