import type { z } from 'zod';
import { normalizeSerial } from '../../../core/text-ja/serial.util.js';
import { AppError, notFound } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CatalogRepository } from './catalog.repository.js';
import type { ownedProductBody, ownedProductPatchBody, productBody, productPatchBody, OwnedProductDto, ProductDto } from './catalog.schemas.js';

type ProductRow = NonNullable<Awaited<ReturnType<CatalogRepository['findProduct']>>>;
const toProductDto = (p: ProductRow): ProductDto => ({ id: p.id, sku: p.sku, name: p.name, category: p.category, priceJpy: p.priceJpy });

/** Products (the catalog) and the products each customer owns, with serial numbers. */
export function createCatalogService(deps: { repo: CatalogRepository; audit: AuditService; ids: IdGenerator; clock: Clock; assertCustomer: (ctx: TenantContext, id: string) => Promise<void> }) {
  const { repo } = deps;

  async function ownedDto(ctx: TenantContext, id: string): Promise<OwnedProductDto> {
    const o = await repo.findOwned(ctx.tenantId, id);
    if (!o) throw notFound('Owned product');
    return o;
  }

  return {
    async createProduct(ctx: TenantContext, input: z.output<typeof productBody>) {
      const v = input;
      const p = await repo.insertProduct({ id: deps.ids(), tenantId: ctx.tenantId, sku: v.sku, name: v.name, category: v.category ?? null, priceJpy: v.priceJpy ?? null });
      if (!p) throw new AppError('duplicate', `SKU ${v.sku} already exists`);
      await deps.audit.record(ctx, { action: 'product.create', entity: 'product', entityId: p.id });
      return toProductDto(p);
    },
    async updateProduct(ctx: TenantContext, id: string, input: z.output<typeof productPatchBody>) {
      const v = input;
      let p: ProductRow | null;
      try {
        p = await repo.updateProduct(ctx.tenantId, id, { ...v, updatedAt: deps.clock.now() });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('duplicate', `SKU ${v.sku} already exists`);
        throw err;
      }
      if (!p) throw notFound('Product');
      await deps.audit.record(ctx, { action: 'product.update', entity: 'product', entityId: id });
      return toProductDto(p);
    },
    async deleteProduct(ctx: TenantContext, id: string) {
      try {
        if (!(await repo.deleteProduct(ctx.tenantId, id))) throw notFound('Product');
      } catch (err) {
        if (isForeignKeyViolation(err)) throw new AppError('conflict', 'Customers own this product; it cannot be deleted');
        throw err;
      }
      await deps.audit.record(ctx, { action: 'product.delete', entity: 'product', entityId: id });
    },
    async getProduct(ctx: TenantContext, id: string) {
      const p = await repo.findProduct(ctx.tenantId, id);
      if (!p) throw notFound('Product');
      return toProductDto(p);
    },
    async findProductBySku(ctx: TenantContext, sku: string) {
      const p = await repo.findProductBySku(ctx.tenantId, sku);
      return p ? toProductDto(p) : null;
    },
    async listProducts(ctx: TenantContext, q: string, page: number, pageSize: number) {
      const { items, total } = await repo.listProducts(ctx.tenantId, q.trim(), pageSize, (page - 1) * pageSize);
      return { items: items.map(toProductDto), page, pageSize, total };
    },

    async addOwnedProduct(ctx: TenantContext, customerId: string, input: z.output<typeof ownedProductBody>) {
      const v = input;
      await deps.assertCustomer(ctx, customerId);
      if (!(await repo.findProduct(ctx.tenantId, v.productId))) throw notFound('Product');
      const serial = v.serial ? v.serial : null;
      const serialNormalized = serial ? normalizeSerial(serial) : null;
      if (serial && !serialNormalized) throw new AppError('validation_failed', 'Serial number has no letters or digits', [{ path: 'serial', message: 'empty after normalization' }]);
      const row = await repo.insertOwned({
        id: deps.ids(), tenantId: ctx.tenantId, customerId, productId: v.productId, serial, serialNormalized,
        purchasedOn: v.purchasedOn ?? null, warrantyUntil: v.warrantyUntil ?? null, createdAt: deps.clock.now(),
      });
      if (!row) throw new AppError('duplicate', `Serial number ${serial} is already registered`);
      await deps.audit.record(ctx, { action: 'owned_product.create', entity: 'owned_product', entityId: row.id, changes: { customerId } });
      return ownedDto(ctx, row.id);
    },
    async updateOwnedProduct(ctx: TenantContext, id: string, input: z.output<typeof ownedProductPatchBody>) {
      const v = input;
      // Same rules as on create: an empty serial clears it, one with no letters or digits is refused.
      const serial = v.serial === undefined ? undefined : v.serial || null;
      const serialNormalized = serial ? normalizeSerial(serial) : null;
      if (serial && !serialNormalized) throw new AppError('validation_failed', 'Serial number has no letters or digits', [{ path: 'serial', message: 'empty after normalization' }]);
      const patch = Object.fromEntries(Object.entries({ ...v, ...(serial !== undefined ? { serial, serialNormalized } : {}) }).filter(([, x]) => x !== undefined));
      // Nothing to change (an empty body): answer with the record, or 404, without an empty UPDATE.
      if (Object.keys(patch).length === 0) return ownedDto(ctx, id);
      try {
        if (!(await repo.updateOwned(ctx.tenantId, id, patch))) throw notFound('Owned product');
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('duplicate', `Serial number ${v.serial} is already registered`);
        throw err;
      }
      await deps.audit.record(ctx, { action: 'owned_product.update', entity: 'owned_product', entityId: id });
      return ownedDto(ctx, id);
    },
    async deleteOwnedProduct(ctx: TenantContext, id: string) {
      if (!(await repo.deleteOwned(ctx.tenantId, id))) throw notFound('Owned product');
      await deps.audit.record(ctx, { action: 'owned_product.delete', entity: 'owned_product', entityId: id });
    },
    async listOwnedByCustomer(ctx: TenantContext, customerId: string): Promise<OwnedProductDto[]> {
      await deps.assertCustomer(ctx, customerId);
      return repo.listOwnedByCustomer(ctx.tenantId, customerId);
    },
    /** For the 360 view, which has already loaded the customer in this tenant. */
    listOwnedOfLoadedCustomer: (ctx: TenantContext, customerId: string): Promise<OwnedProductDto[]> => repo.listOwnedByCustomer(ctx.tenantId, customerId),
    findOwnerBySerial: (ctx: TenantContext, serial: string) => repo.findOwnerBySerial(ctx.tenantId, normalizeSerial(serial)),
    /** A serial as keyed on a phone: the exact serial if it is one, else the one serial with these digits. */
    async findOwnerByKeyedSerial(ctx: TenantContext, digits: string) {
      return (await repo.findOwnerBySerial(ctx.tenantId, normalizeSerial(digits))) ?? (/^\d+$/.test(digits) ? repo.findOwnerBySerialDigits(ctx.tenantId, digits) : null);
    },
  };
}
export type CatalogService = ReturnType<typeof createCatalogService>;
