import type { Database, Db } from './db/client.js';
import type { Clock } from './platform/clock.js';
import type { IdGenerator } from './platform/ids.js';
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

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  sessionTtlHours: number;
  /** The database's leader lock: one routing writer per database (main, tests). */
  leaderLock?: Database['tryLeaderLock'];
  /** A handle with its own connections for the routing writer (see Database.writer). */
  writerDb?: Db;
}

/** The composition root: every service wired once, shared by HTTP, CLI and seeding. */
export function createServices({ db, clock, ids, sessionTtlHours, leaderLock, writerDb }: ServiceDeps) {
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
  const demoSeed = createDemoSeedService({ repo: createDemoSeedRepository(db), ids, clock });
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
  const knowledge = createKnowledgeService({ audit, articles: createKnowledgeArticleRepository(db), search: createKnowledgeSearchRepository(db), ids, clock });
  return {
    audit, auth, tenants, users, customers, overview, catalog, orders, interactions, cases, demoSeed, customerImport,
    routing, contacts, desk, wallboard, callbacks, routingAdmin, knowledge,
  };
}
export type Services = ReturnType<typeof createServices>;
