import { z } from 'zod';
import { isoDate, optionalText, pageFields } from '../../platform/http.schemas.js';

export const productBody = z.object({
  sku: z.string().trim().min(1).max(60),
  name: z.string().trim().min(1).max(200),
  category: optionalText(100),
  priceJpy: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
});
export const productPatchBody = productBody.partial();
export const productQuery = z.object({
  q: z.string().max(100).default(''),
  ...pageFields,
});
export const productDto = z.object({ id: z.string(), sku: z.string(), name: z.string(), category: z.string().nullable(), priceJpy: z.number().nullable() });
export type ProductDto = z.infer<typeof productDto>;

export const ownedProductBody = z.object({
  productId: z.uuid(),
  serial: z.string().trim().max(80).nullable().optional(),
  purchasedOn: isoDate.nullable().optional(),
  warrantyUntil: isoDate.nullable().optional(),
});
export const ownedProductPatchBody = ownedProductBody.omit({ productId: true }).partial();
export const ownedProductDto = z.object({
  id: z.string(), customerId: z.string(), productId: z.string(), productName: z.string(), sku: z.string(),
  serial: z.string().nullable(), purchasedOn: z.string().nullable(), warrantyUntil: z.string().nullable(),
});
export type OwnedProductDto = z.infer<typeof ownedProductDto>;
