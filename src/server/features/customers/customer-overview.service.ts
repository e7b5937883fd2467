import { AppError, notFound } from '../../platform/app-error.js';
import type { TenantContext } from '../../platform/principal.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { OrderService } from '../orders/order.service.js';
import type { InteractionService } from '../interactions/interaction.service.js';
import type { CaseService } from '../cases/case.service.js';
import type { CustomerRepository } from './customer.repository.js';
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
  async function build(ctx: TenantContext, id: string, matchedBy: CustomerOverviewDto['matchedBy']): Promise<CustomerOverviewDto> {
    const customer = await deps.repo.findById(ctx.tenantId, id);
    if (!customer) throw notFound('Customer');
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

  return {
    getOverview: (ctx: TenantContext, id: string) => build(ctx, id, 'id'),
    async lookup(ctx: TenantContext, by: { phone?: string | undefined; serial?: string | undefined; email?: string | undefined }) {
      let id: string | null;
      let matchedBy: CustomerOverviewDto['matchedBy'];
      if (by.serial) {
        id = await deps.catalog.findOwnerBySerial(ctx, by.serial);
        matchedBy = 'serial';
      } else if (by.phone) {
        id = await deps.customers.identify(ctx, { phone: by.phone });
        matchedBy = 'phone';
      } else if (by.email) {
        id = await deps.customers.identify(ctx, { email: by.email });
        matchedBy = 'email';
      } else throw new AppError('validation_failed', 'give exactly one of phone, serial or email');
      if (!id) throw new AppError('not_found', `No customer with this ${matchedBy}`);
      return build(ctx, id, matchedBy);
    },
  };
}
export type CustomerOverviewService = ReturnType<typeof createCustomerOverviewService>;
