import type { Customer, CustomerCreate, CustomerKind, CustomerPatch } from '../../api/types.js';

/** What the customer form edits; every text field as a string, empty meaning "not given". */
export interface CustomerFormValues {
  kind: CustomerKind;
  name: string;
  nameKana: string;
  companyName: string;
  prefecture: string;
  postalCode: string;
  address: string;
  ageGroup: string;
  notes: string;
  consentMarketing: boolean;
  /** VIP (優良顧客). */
  vip: boolean;
}

const OPTIONAL_TEXT = ['nameKana', 'companyName', 'prefecture', 'postalCode', 'address', 'ageGroup', 'notes'] as const;

export function emptyCustomerForm(): CustomerFormValues {
  return {
    kind: 'person',
    name: '',
    nameKana: '',
    companyName: '',
    prefecture: '',
    postalCode: '',
    address: '',
    ageGroup: '',
    notes: '',
    consentMarketing: false,
    vip: false,
  };
}

export function customerToForm(customer: Customer): CustomerFormValues {
  return {
    kind: customer.kind,
    name: customer.name,
    nameKana: customer.nameKana ?? '',
    companyName: customer.companyName ?? '',
    prefecture: customer.prefecture ?? '',
    postalCode: customer.postalCode ?? '',
    address: customer.address ?? '',
    ageGroup: customer.ageGroup ?? '',
    notes: customer.notes ?? '',
    consentMarketing: customer.consentMarketing,
    vip: customer.vip,
  };
}

/** The create body: blank optional fields are left out. */
export function formToCreate(values: CustomerFormValues): CustomerCreate {
  const body: CustomerCreate = { kind: values.kind, name: values.name.trim(), consentMarketing: values.consentMarketing };
  if (values.vip) body.vip = true;
  for (const field of OPTIONAL_TEXT) {
    const value = values[field].trim();
    if (value) body[field] = value;
  }
  return body;
}

/** The PATCH body: only what changed; a field emptied by the user becomes `null`. */
export function formToPatch(before: Customer, values: CustomerFormValues): CustomerPatch {
  const patch: CustomerPatch = {};
  if (values.kind !== before.kind) patch.kind = values.kind;
  if (values.name.trim() !== before.name) patch.name = values.name.trim();
  if (values.consentMarketing !== before.consentMarketing) patch.consentMarketing = values.consentMarketing;
  if (values.vip !== before.vip) patch.vip = values.vip;
  for (const field of OPTIONAL_TEXT) {
    const value = values[field].trim();
    const old = before[field] ?? '';
    if (value !== old) patch[field] = value === '' ? null : value;
  }
  return patch;
}

/** Guess what an unsuccessful search was, to prefill the new-customer form with it. */
export function prefillFromQuery(query: string): { name?: string; phone?: string; email?: string } {
  const text = query.trim();
  if (!text) return {};
  if (/^[+＋]?[\d０-９\-－ー()（）\s]{6,}$/.test(text)) return { phone: text };
  if (text.includes('@') || text.includes('＠')) return { email: text };
  if (/\d/.test(text)) return {}; // a serial number, most likely
  return { name: text };
}
