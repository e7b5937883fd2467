import type { AttributeValue, LookupKey } from '../../../core/ivr/ivr.types.js';
import { AppError } from '../../platform/app-error.js';
import type { TenantContext } from '../../platform/principal.js';
import type { CaseService } from '../cases/case.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { CustomerService } from '../customers/customer.service.js';
import type { LookupAnswer } from './ivr-driver.js';

/**
 * The IVR's customer lookup: by the calling number, a phone number or member number (会員番号, the
 * client's customer number) keyed in, or a product serial. A found customer brings the attributes
 * a flow can branch on: kind (person | company), vip (優良顧客, a boolean: `branch` vip = true),
 * prefecture, ageGroup, openCases (count) and hasOpenCase. A number we cannot parse (非通知, junk)
 * finds no one.
 */
export function createCallerLookup(deps: { customers: CustomerService; catalog: CatalogService; cases: CaseService }) {
  async function customerIdBy(ctx: TenantContext, by: LookupKey, value: string): Promise<string | null> {
    try {
      if (by === 'serial') return await deps.catalog.findOwnerByKeyedSerial(ctx, value);
      if (by === 'member') return await deps.customers.identify(ctx, { externalRef: value });
      return await deps.customers.identify(ctx, { phone: value });
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation_failed') return null;
      throw err;
    }
  }

  return async function lookup(ctx: TenantContext, by: LookupKey, value: string): Promise<LookupAnswer> {
    const customerId = await customerIdBy(ctx, by, value);
    if (!customerId) return { found: false };
    const [customer, open] = await Promise.all([deps.customers.getCustomer(ctx, customerId), deps.cases.openCasesOfLoadedCustomer(ctx, customerId)]);
    const attributes: Record<string, AttributeValue> = { kind: customer.kind, vip: customer.vip, openCases: open.length, hasOpenCase: open.length > 0 };
    if (customer.prefecture) attributes.prefecture = customer.prefecture;
    if (customer.ageGroup) attributes.ageGroup = customer.ageGroup;
    return { found: true, customerId, attributes };
  };
}
