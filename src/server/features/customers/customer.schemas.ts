import { z } from 'zod';
import { optionalText, pageFields } from '../../platform/http.schemas.js';

export const CUSTOMER_KINDS = ['person', 'company'] as const;
export const CONTACT_KINDS = ['phone', 'email', 'line'] as const;
export const GENDERS = ['female', 'male', 'other'] as const;

const contactInput = z.object({ value: z.string().min(1).max(254), label: optionalText(40) });

const customerFields = {
  kind: z.enum(CUSTOMER_KINDS).default('person'),
  name: z.string().trim().min(1, 'name is required').max(200),
  nameKana: optionalText(200),
  companyName: optionalText(200),
  gender: z.enum(GENDERS).nullable().optional(),
  ageGroup: optionalText(20),
  prefecture: optionalText(10),
  postalCode: z.string().trim().regex(/^(\d{3}-?\d{4})?$/, 'use a 7-digit postal code like 100-0001').nullable().optional()
    .transform((v) => (v ? `${v.replace('-', '').slice(0, 3)}-${v.replace('-', '').slice(3)}` : null))
    .optional(),
  address: optionalText(500),
  notes: optionalText(5000),
  consentMarketing: z.boolean().optional(),
  /** VIP (優良顧客): shown on every screen of the customer; an IVR flow can branch on it. */
  vip: z.boolean().optional(),
  externalRef: optionalText(100),
};

export const createCustomerBody = z.object({
  ...customerFields,
  phones: z.array(contactInput).max(10).default([]),
  emails: z.array(contactInput).max(10).default([]),
  lineUserIds: z.array(contactInput).max(5).default([]),
});
export type CreateCustomerInput = z.output<typeof createCustomerBody>;

export const updateCustomerBody = z.object({
  kind: z.enum(CUSTOMER_KINDS).optional(),
  name: customerFields.name.optional(),
  nameKana: customerFields.nameKana,
  companyName: customerFields.companyName,
  gender: customerFields.gender,
  ageGroup: customerFields.ageGroup,
  prefecture: customerFields.prefecture,
  postalCode: customerFields.postalCode,
  address: customerFields.address,
  notes: customerFields.notes,
  consentMarketing: customerFields.consentMarketing,
  vip: customerFields.vip,
});
export type UpdateCustomerInput = z.output<typeof updateCustomerBody>;

export const addContactPointBody = z.object({
  kind: z.enum(CONTACT_KINDS),
  value: z.string().min(1).max(254),
  label: optionalText(40),
  isPrimary: z.boolean().default(false),
});

export const customerSearchQuery = z.object({
  q: z.string().max(200).default(''),
  ...pageFields,
});

export const lookupQuery = z
  .object({ phone: z.string().max(60).optional(), serial: z.string().max(80).optional(), email: z.string().max(254).optional() })
  .refine((q) => [q.phone, q.serial, q.email].filter((v) => v !== undefined && v !== '').length === 1, {
    message: 'give exactly one of phone, serial or email',
  });

export const customerDto = z.object({
  id: z.string(),
  kind: z.enum(CUSTOMER_KINDS),
  externalRef: z.string().nullable(),
  name: z.string(),
  nameKana: z.string().nullable(),
  companyName: z.string().nullable(),
  gender: z.string().nullable(),
  ageGroup: z.string().nullable(),
  prefecture: z.string().nullable(),
  postalCode: z.string().nullable(),
  address: z.string().nullable(),
  notes: z.string().nullable(),
  consentMarketing: z.boolean(),
  vip: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CustomerDto = z.infer<typeof customerDto>;

export const contactPointDto = z.object({
  id: z.string(),
  kind: z.enum(CONTACT_KINDS),
  value: z.string(),
  display: z.string(),
  label: z.string().nullable(),
  isPrimary: z.boolean(),
});
export type ContactPointDto = z.infer<typeof contactPointDto>;

export const customerSummaryDto = z.object({
  id: z.string(),
  kind: z.enum(CUSTOMER_KINDS),
  name: z.string(),
  nameKana: z.string().nullable(),
  companyName: z.string().nullable(),
  prefecture: z.string().nullable(),
  primaryPhone: z.string().nullable(),
  primaryEmail: z.string().nullable(),
  vip: z.boolean(),
  updatedAt: z.string(),
});
export type CustomerSummaryDto = z.infer<typeof customerSummaryDto>;
