import { z } from 'zod';
import { isoDateTime, optionalText, pageFields } from '../../platform/http.schemas.js';

/** orders.total_jpy is a 32-bit integer column. */
export const MAX_ORDER_TOTAL_JPY = 2_147_483_647;

export const ORDER_CHANNELS = ['phone', 'web', 'postcard', 'fax', 'store', 'email', 'line'] as const;

const lineBody = z.object({
  productId: z.uuid().nullable().optional(),
  sku: optionalText(60),
  name: z.string().trim().min(1).max(200),
  quantity: z.number().int().min(1).max(100_000),
  unitPriceJpy: z.number().int().min(0).max(100_000_000),
});

export const createOrderBody = z.object({
  customerId: z.uuid(),
  orderNumber: optionalText(60),
  orderedAt: isoDateTime.optional(),
  status: z.string().trim().min(1).max(40).default('received'),
  channel: z.enum(ORDER_CHANNELS).nullable().optional(),
  lines: z.array(lineBody).min(1, 'an order needs at least one line').max(200),
}).refine((o) => o.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceJpy, 0) <= MAX_ORDER_TOTAL_JPY, {
  message: `the order total must not exceed ${MAX_ORDER_TOTAL_JPY.toLocaleString('en')} JPY`,
  path: ['lines'],
});
export const updateOrderBody = z.object({ status: z.string().trim().min(1).max(40) });
export const orderQuery = z.object({
  customerId: z.uuid().optional(),
  ...pageFields,
});

export const orderLineDto = z.object({ id: z.string(), productId: z.string().nullable(), sku: z.string().nullable(), name: z.string(), quantity: z.number(), unitPriceJpy: z.number() });
export const orderDto = z.object({
  id: z.string(), customerId: z.string(), orderNumber: z.string(), orderedAt: z.string(), status: z.string(),
  channel: z.string().nullable(), totalJpy: z.number(), lines: z.array(orderLineDto),
});
export type OrderDto = z.infer<typeof orderDto>;
