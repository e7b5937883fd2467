import { describe, expect, it } from 'vitest';
import type { Customer } from '../../api/types.js';
import { customerToForm, emptyCustomerForm, formToCreate, formToPatch, prefillFromQuery } from './customer-form.js';

const customer: Customer = {
  id: 'c1',
  kind: 'person',
  name: '山田 太郎',
  nameKana: 'ヤマダ タロウ',
  companyName: null,
  gender: null,
  ageGroup: '40代',
  prefecture: '東京都',
  postalCode: '100-0001',
  address: '千代田区千代田1-1',
  notes: null,
  consentMarketing: false,
  vip: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('formToCreate', () => {
  it('trims and leaves blank optional fields out', () => {
    const sut = formToCreate({ ...emptyCustomerForm(), name: ' 佐藤 花子 ', nameKana: ' ', prefecture: '大阪府' });
    expect(sut).toEqual({ kind: 'person', name: '佐藤 花子', consentMarketing: false, prefecture: '大阪府' });
  });

  it('sends vip only for a VIP (the server defaults it to false)', () => {
    expect(formToCreate({ ...emptyCustomerForm(), name: '鈴木 一郎', vip: true })).toEqual({ kind: 'person', name: '鈴木 一郎', consentMarketing: false, vip: true });
    expect(formToCreate({ ...emptyCustomerForm(), name: '鈴木 一郎' })).not.toHaveProperty('vip');
  });
});

describe('customerToForm', () => {
  it('starts unchecked for a new customer and carries the VIP flag of an existing one', () => {
    expect(emptyCustomerForm().vip).toBe(false);
    expect(customerToForm({ ...customer, vip: true }).vip).toBe(true);
    expect(customerToForm(customer).vip).toBe(false);
  });
});

describe('formToPatch', () => {
  it('is empty when nothing changed', () => {
    expect(formToPatch(customer, customerToForm(customer))).toEqual({});
  });

  it('sends changes and clears emptied fields with null', () => {
    const sut = formToPatch(customer, { ...customerToForm(customer), address: '', notes: '折り返しは夕方希望', consentMarketing: true });
    expect(sut).toEqual({ address: null, notes: '折り返しは夕方希望', consentMarketing: true });
  });

  it('sets and unsets the VIP flag, and sends it only when it changed', () => {
    expect(formToPatch(customer, { ...customerToForm(customer), vip: true })).toEqual({ vip: true });
    const vip = { ...customer, vip: true };
    expect(formToPatch(vip, { ...customerToForm(vip), vip: false })).toEqual({ vip: false });
    expect(formToPatch(vip, { ...customerToForm(vip), notes: 'メモ' })).toEqual({ notes: 'メモ' });
  });
});

describe('prefillFromQuery', () => {
  it('recognises phones in any format, e-mails and names', () => {
    expect(prefillFromQuery('090-1234-5678')).toEqual({ phone: '090-1234-5678' });
    expect(prefillFromQuery('０９０１２３４５６７８')).toEqual({ phone: '０９０１２３４５６７８' });
    expect(prefillFromQuery('taro@example.jp')).toEqual({ email: 'taro@example.jp' });
    expect(prefillFromQuery('やまだ')).toEqual({ name: 'やまだ' });
    expect(prefillFromQuery('SN-AB12345')).toEqual({});
  });
});
