/**
 * Types of the REST API as the console uses them, hand-written from the API contract.
 * They are to be replaced by the server's zod schemas (`src/server/features/x/x.schemas.ts`)
 * once those exist; keep names and shapes aligned with the contract, not with the UI.
 * All times are ISO-8601 UTC strings; dates without time are `YYYY-MM-DD`.
 */

export type IsoDateTime = string;
export type IsoDate = string;

// ---- session -------------------------------------------------------------------------------

export const ROLES = ['agent', 'supervisor', 'admin', 'hq', 'client_viewer'] as const;
export type Role = (typeof ROLES)[number];

export type Locale = 'ja' | 'en';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  /** `ja` or `en`; other values fall back to Japanese. */
  locale: Locale | (string & {});
}

export interface Membership {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  role: Role;
  /** IANA zone, e.g. `Asia/Tokyo`. */
  timeZone: string;
}

export interface Session {
  user: SessionUser;
  memberships: Membership[];
  csrfToken: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

// ---- common --------------------------------------------------------------------------------

export interface Page<T> {
  items: T[];
  /** 1-based. */
  page: number;
  pageSize: number;
  total: number;
}

export interface ProblemFieldError {
  /** Path of the offending field, e.g. `phones.0.value` (arrays of segments are accepted too). */
  path: string | (string | number)[];
  message: string;
}

/** RFC 9457 problem details as the server sends them (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  /** A finer, stable machine code within `code` (routing refusals: `offer_not_found`, `target_unavailable` …). */
  reason?: string;
  errors?: ProblemFieldError[];
}

// ---- customers -----------------------------------------------------------------------------

export const CUSTOMER_KINDS = ['person', 'company'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

/**
 * Age groups as stored (free text on the server, ≤ 20 chars; the demo data uses these Japanese values).
 * Values outside this list are displayed as they are.
 */
export const AGE_GROUPS = ['10代', '20代', '30代', '40代', '50代', '60代', '70代以上'] as const;

export interface CustomerSummary {
  id: string;
  kind: CustomerKind;
  name: string;
  nameKana: string | null;
  companyName: string | null;
  prefecture: string | null;
  /** Display format, e.g. `090-1234-5678`. */
  primaryPhone: string | null;
  primaryEmail: string | null;
  /** VIP (優良顧客). */
  vip: boolean;
  updatedAt: IsoDateTime;
}

export interface Customer {
  id: string;
  kind: CustomerKind;
  name: string;
  nameKana: string | null;
  companyName: string | null;
  gender: string | null;
  ageGroup: string | null;
  prefecture: string | null;
  postalCode: string | null;
  address: string | null;
  notes: string | null;
  consentMarketing: boolean;
  /** VIP (優良顧客): badged wherever the customer is shown; an IVR flow can branch on it. */
  vip: boolean;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

export interface LabelledValue {
  value: string;
  label?: string;
}

export interface CustomerCreate {
  kind: CustomerKind;
  name: string;
  nameKana?: string;
  companyName?: string;
  gender?: string;
  ageGroup?: string;
  prefecture?: string;
  postalCode?: string;
  address?: string;
  notes?: string;
  consentMarketing?: boolean;
  vip?: boolean;
  phones?: LabelledValue[];
  emails?: LabelledValue[];
}

/** PATCH body: an omitted field stays as it is; `null` clears an optional one. */
export type CustomerPatch = Partial<Pick<CustomerCreate, 'kind' | 'name' | 'consentMarketing' | 'vip'>> & {
  [K in keyof Omit<CustomerCreate, 'phones' | 'emails' | 'kind' | 'name' | 'consentMarketing' | 'vip'>]?: CustomerCreate[K] | null;
};

export interface CustomerListQuery {
  q?: string;
  page?: number;
  pageSize?: number;
}

export const CONTACT_POINT_KINDS = ['phone', 'email', 'line'] as const;
export type ContactPointKind = (typeof CONTACT_POINT_KINDS)[number];

export interface ContactPoint {
  id: string;
  kind: ContactPointKind;
  /** Normalized value (E.164 for phones). */
  value: string;
  /** Display form, e.g. `090-1234-5678`. */
  display: string;
  label: string | null;
  isPrimary: boolean;
}

export interface ContactPointCreate {
  kind: ContactPointKind;
  value: string;
  label?: string;
  isPrimary?: boolean;
}

export interface OwnedProduct {
  id: string;
  productId: string;
  productName: string;
  sku: string;
  serial: string | null;
  purchasedOn: IsoDate | null;
  warrantyUntil: IsoDate | null;
}

export interface OrderLine {
  id: string;
  sku: string | null;
  name: string;
  quantity: number;
  unitPriceJpy: number;
}

export interface Order {
  id: string;
  orderNumber: string;
  orderedAt: IsoDateTime;
  /** Free text on the server (`received` by default). */
  status: string;
  totalJpy: number;
  lines: OrderLine[];
}

export interface CustomerOverview {
  customer: Customer;
  contactPoints: ContactPoint[];
  ownedProducts: OwnedProduct[];
  orders: Order[];
  /** Latest first. */
  interactions: Interaction[];
  openCases: Case[];
}

export interface Product {
  id: string;
  sku: string;
  name: string;
  category: string | null;
  priceJpy: number | null;
}

// ---- interactions --------------------------------------------------------------------------

export const CHANNELS = ['phone', 'email', 'fax', 'postcard', 'visit', 'web', 'chat', 'line'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface Interaction {
  id: string;
  customerId: string | null;
  caseId: string | null;
  channel: Channel;
  direction: Direction;
  subject: string | null;
  notes: string | null;
  disposition: string | null;
  queue: string | null;
  agentUserId: string | null;
  agentName: string | null;
  offeredAt: IsoDateTime | null;
  answeredAt: IsoDateTime | null;
  endedAt: IsoDateTime | null;
  wrapUpEndedAt: IsoDateTime | null;
  createdAt: IsoDateTime;
}

export interface InteractionCreate {
  customerId?: string;
  caseId?: string;
  channel: Channel;
  direction: Direction;
  subject?: string;
  notes?: string;
  disposition?: string;
  answeredAt?: IsoDateTime;
  endedAt?: IsoDateTime;
}

export type InteractionPatch = Partial<Omit<InteractionCreate, 'customerId' | 'channel' | 'direction'>>;

// ---- cases ---------------------------------------------------------------------------------

export const CASE_STATUSES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

export interface Case {
  id: string;
  number: number;
  /** e.g. `C-000123`. */
  displayNumber: string;
  customerId: string | null;
  customerName: string | null;
  title: string;
  description: string | null;
  status: CaseStatus;
  priority: CasePriority;
  dueAt: IsoDateTime | null;
  ownerUserId: string | null;
  ownerName: string | null;
  department: string | null;
  category: string | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  resolvedAt: IsoDateTime | null;
  closedAt: IsoDateTime | null;
  /** The statuses this case may move to next, decided by the server. */
  allowedTransitions: CaseStatus[];
}

export type CaseDetail = Case & { interactions: Interaction[] };

export interface CaseCreate {
  title: string;
  customerId?: string;
  description?: string;
  priority?: CasePriority;
  dueAt?: IsoDateTime;
  ownerUserId?: string;
  department?: string;
  category?: string;
  /** Links that interaction to the new case. */
  interactionId?: string;
}

export interface CasePatch {
  status?: CaseStatus;
  priority?: CasePriority;
  title?: string;
  description?: string | null;
  dueAt?: IsoDateTime | null;
  ownerUserId?: string | null;
  department?: string | null;
  category?: string | null;
}

export interface CaseListQuery {
  status?: CaseStatus[];
  priority?: CasePriority;
  ownerUserId?: string;
  customerId?: string;
  overdue?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
}

// ---- users ---------------------------------------------------------------------------------

export interface TenantUser {
  id: string;
  displayName: string;
  email: string;
  role: Role;
}

export interface TenantUserList {
  items: TenantUser[];
}
