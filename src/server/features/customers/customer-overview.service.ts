import { AppError } from '../../platform/app-error.js';
import type { TenantContext } from '../../platform/principal.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { OrderService } from '../orders/order.service.js';
import type { InteractionService } from '../interactions/interaction.service.js';
import type { CaseService } from '../cases/case.service.js';
import type { CustomerRepository, CustomerRow } from './customer.repository.js';
import type { CustomerService } from './customer.service.js';
import { toContactPointDto, toCustomerDto } from './customer.service.js';
import type { CustomerOverviewDto } from './customer-overview.schemas.js';

interface Deps {
  repo: CustomerRepository;
  customers: CustomerService;
  catalog: CatalogService;
  orders: OrderService;
  interactions: InteractionService;
  cases: CaseService;
}

const RECENT_ORDERS = 10;
const RECENT_INTERACTIONS = 20;

/** Assembles the 360 view; the lookup variant identifies the customer first by an indexed key. */
export function createCustomerOverviewService(deps: Deps) {
  async function build(ctx: TenantContext, customer: CustomerRow, matchedBy: CustomerOverviewDto['matchedBy']): Promise<CustomerOverviewDto> {
    const id = customer.id;
    // Independent reads: on PostgreSQL they run in parallel on the pool; PGlite queues them.
    const [points, owned, orders, interactions, openCases] = await Promise.all([
      deps.repo.listContactPoints(ctx.tenantId, [id]),
      deps.catalog.listOwnedOfLoadedCustomer(ctx, id),
      deps.orders.recentOrdersOfLoadedCustomer(ctx, id, RECENT_ORDERS),
      deps.interactions.latestFor(ctx, { customerId: id }, RECENT_INTERACTIONS),
      deps.cases.openCasesOfLoadedCustomer(ctx, id),
    ]);
    return {
      customer: toCustomerDto(customer), contactPoints: points.map(toContactPointDto), ownedProducts: owned, orders,
      interactions, openCases, matchedBy,
    };
  }

  async function load(ctx: TenantContext, id: string | null, what: string) {
    const row = id ? await deps.repo.findById(ctx.tenantId, id) : null;
    if (!row) throw new AppError('not_found', `No customer with this ${what}`);
    return row;
  }

  return {
    getOverview: async (ctx: TenantContext, id: string) => build(ctx, await load(ctx, id, 'id'), 'id'),
    async lookup(ctx: TenantContext, by: { phone?: string | undefined; serial?: string | undefined; email?: string | undefined }) {
      if (by.serial) return build(ctx, await load(ctx, await deps.catalog.findOwnerBySerial(ctx, by.serial), 'serial'), 'serial');
      const key = by.phone ? { phone: by.phone } : by.email ? { email: by.email } : null;
      if (!key) throw new AppError('validation_failed', 'give exactly one of phone, serial or email');
      const row = await deps.customers.findByContact(ctx, key);
      const matchedBy = by.phone ? 'phone' : 'email';
      if (!row) throw new AppError('not_found', `No customer with this ${matchedBy}`);
      return build(ctx, row, matchedBy);
    },
  };
}
export type CustomerOverviewService = ReturnType<typeof createCustomerOverviewService>;
