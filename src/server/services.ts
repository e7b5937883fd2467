import type { Db } from './db/client.js';
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
import { createCaseService, type CaseService } from './features/cases/case.service.js';
import { createDemoSeedRepository } from './features/demo/demo-seed.repository.js';
import { createDemoSeedService } from './features/demo/demo-seed.service.js';

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  sessionTtlHours: number;
}

/** The composition root: every service wired once, shared by HTTP, CLI and seeding. */
export function createServices({ db, clock, ids, sessionTtlHours }: ServiceDeps) {
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
  return { audit, auth, tenants, users, customers, overview, catalog, orders, interactions, cases, demoSeed, customerImport };
}
export type Services = ReturnType<typeof createServices>;
