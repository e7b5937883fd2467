import { z } from 'zod';
import { ownedProductDto } from '../catalog/catalog.schemas.js';
import { orderDto } from '../orders/order.schemas.js';
import { interactionDto } from '../interactions/interaction.schemas.js';
import { caseDto } from '../cases/case.schemas.js';
import { contactPointDto, customerDto } from './customer.schemas.js';

/** The customer 360 / screen pop: one response with everything the agent needs before saying hello. */
export const customerOverviewDto = z.object({
  customer: customerDto,
  contactPoints: z.array(contactPointDto),
  ownedProducts: z.array(ownedProductDto),
  orders: z.array(orderDto),
  interactions: z.array(interactionDto),
  openCases: z.array(caseDto),
  matchedBy: z.enum(['id', 'phone', 'serial', 'email']),
});
export type CustomerOverviewDto = z.infer<typeof customerOverviewDto>;
