/** Shapes of the generated demo dataset (re-exported by demo-data.ts). */

export type DemoRole = 'agent' | 'supervisor' | 'admin' | 'hq' | 'client_viewer';

export interface DemoUser {
  email: string;
  displayName: string;
  password: string;
  locale: 'ja' | 'en';
  memberships: { tenantSlug: string; role: DemoRole }[];
}

export interface DemoProduct {
  sku: string;
  name: string;
  category: string;
  priceJpy: number;
}

export interface DemoOwned {
  sku: string;
  serial: string | null;
  /** YYYY-MM-DD (JST calendar date) */
  purchasedOn: string;
  /** YYYY-MM-DD (JST calendar date) */
  warrantyUntil: string | null;
}

export interface DemoOrder {
  orderNumber: string;
  orderedAt: Date;
  status: string;
  channel: 'phone' | 'web' | 'postcard' | 'fax' | 'store';
  lines: { sku: string; name: string; quantity: number; unitPriceJpy: number }[];
}

export interface DemoCase {
  ref: string;
  title: string;
  description: string;
  status: 'new' | 'open' | 'pending' | 'resolved' | 'closed';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  createdAt: Date;
  dueAt: Date | null;
  ownerEmail: string | null;
  department: string | null;
  category: string | null;
}

export interface DemoInteraction {
  channel: 'phone' | 'email' | 'fax' | 'postcard' | 'visit' | 'web' | 'chat' | 'line';
  direction: 'inbound' | 'outbound';
  subject: string;
  notes: string;
  disposition: string | null;
  queue: string | null;
  agentEmail: string | null;
  offeredAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  wrapUpEndedAt: Date | null;
  caseRef: string | null;
}

export interface DemoCustomer {
  ref: string;
  kind: 'person' | 'company';
  name: string;
  nameKana: string | null;
  companyName: string | null;
  gender: 'female' | 'male' | 'other' | null;
  /** '20代' … '70代以上' */
  ageGroup: string | null;
  prefecture: string | null;
  /** 123-4567 */
  postalCode: string | null;
  address: string | null;
  consentMarketing: boolean;
  /** VIP (優良顧客): an anchor may be one; generated customers are not. */
  vip?: boolean;
  phones: { value: string; label: string }[];
  emails: { value: string; label: string }[];
  owned: DemoOwned[];
  orders: DemoOrder[];
  interactions: DemoInteraction[];
  cases: DemoCase[];
}

export interface DemoTenant {
  slug: string;
  name: string;
  timeZone: 'Asia/Tokyo';
  products: DemoProduct[];
  customers: DemoCustomer[];
}

export interface DemoDataset {
  centerName: string;
  tenants: DemoTenant[];
  users: DemoUser[];
}
