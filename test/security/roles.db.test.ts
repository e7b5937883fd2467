import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { accessPlugin } from '../../src/server/platform/access.plugin.js';

type Role = 'agent' | 'supervisor' | 'admin' | 'hq' | 'client_viewer';
const ROLES: Role[] = ['agent', 'supervisor', 'admin', 'hq', 'client_viewer'];

// The policy as the product defines it, written out independently of src/core/auth/permissions.ts
// so that a change there has to be matched here on purpose.
const ALL: Role[] = [...ROLES];
const STAFF: Role[] = ['agent', 'supervisor', 'admin'];
const READERS: Role[] = ['agent', 'supervisor', 'admin', 'hq'];
const LEADS: Role[] = ['supervisor', 'admin'];
const policy = {
  'customers:read': READERS,
  'customers:write': STAFF,
  'customers:delete': LEADS,
  'customers:import': LEADS,
  'catalog:read': ALL,
  'catalog:write': LEADS,
  'orders:read': READERS,
  'orders:write': STAFF,
  'interactions:read': ALL,
  'interactions:write': STAFF,
  'interactions:delete': LEADS,
  'cases:read': ALL,
  'cases:write': [...STAFF, 'hq'] as Role[],
  'cases:delete': LEADS,
  'users:read': READERS,
  'audit:read': ['admin'] as Role[],
  'routing:work': STAFF,
  'routing:monitor': ['supervisor', 'admin', 'hq'] as Role[],
  'routing:admin': ['admin'] as Role[],
  'contacts:create': LEADS,
  'knowledge:read': ALL,
  'knowledge:write': ['supervisor', 'admin', 'hq'] as Role[],
  'knowledge:feedback': [...STAFF, 'hq'] as Role[],
  'knowledge:approve': ['supervisor', 'admin', 'hq'] as Role[],
  'talkflow:read': READERS,
  'talkflow:write': ['supervisor', 'admin', 'hq'] as Role[],
  'talkflow:run': STAFF,
  'portal:admin': ['supervisor', 'admin', 'hq'] as Role[],
  'ivr:read': LEADS,
  'ivr:write': ['admin'] as Role[],
  'telephony:admin': ['admin'] as Role[],
} satisfies Record<string, Role[]>;
type Perm = keyof typeof policy;

interface Fixture { customer: string; product: string; owned: string; order: string; interaction: string; case: string; contactPoint: string; queue: string; contact: string }
const MISSING = '00000000-0000-4000-8000-00000000dead';
let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  perm: Perm;
  url: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  headers?: Record<string, string>;
  /** Status an allowed role gets: deletes aim at a missing id, so passing authorization shows as 404. */
  ok: number;
}

const routes: RouteCase[] = [
  { method: 'GET', path: '/api/v1/users', perm: 'users:read', url: () => '/api/v1/users', ok: 200 },
  { method: 'GET', path: '/api/v1/audit', perm: 'audit:read', url: () => '/api/v1/audit', ok: 200 },
  { method: 'GET', path: '/api/v1/customers', perm: 'customers:read', url: () => '/api/v1/customers?q=%E5%B1%B1%E7%94%B0', ok: 200 },
  { method: 'POST', path: '/api/v1/customers', perm: 'customers:write', url: () => '/api/v1/customers', body: () => ({ name: `権限 ${uniq()}` }), ok: 201 },
  { method: 'POST', path: '/api/v1/customers/import', perm: 'customers:import', url: () => '/api/v1/customers/import?dryRun=true', body: () => `氏名\n権限 ${uniq()}\n`, headers: { 'content-type': 'text/csv' }, ok: 200 },
  { method: 'GET', path: '/api/v1/customers/lookup', perm: 'customers:read', url: () => '/api/v1/customers/lookup?phone=0312345678', ok: 200 },
  { method: 'GET', path: '/api/v1/customers/:id', perm: 'customers:read', url: (f) => `/api/v1/customers/${f.customer}`, ok: 200 },
  { method: 'PATCH', path: '/api/v1/customers/:id', perm: 'customers:write', url: (f) => `/api/v1/customers/${f.customer}`, body: () => ({ notes: uniq() }), ok: 200 },
  { method: 'DELETE', path: '/api/v1/customers/:id', perm: 'customers:delete', url: () => `/api/v1/customers/${MISSING}`, ok: 404 },
  { method: 'GET', path: '/api/v1/customers/:id/overview', perm: 'customers:read', url: (f) => `/api/v1/customers/${f.customer}/overview`, ok: 200 },
  { method: 'GET', path: '/api/v1/customers/:id/contact-points', perm: 'customers:read', url: (f) => `/api/v1/customers/${f.customer}/contact-points`, ok: 200 },
  { method: 'POST', path: '/api/v1/customers/:id/contact-points', perm: 'customers:write', url: (f) => `/api/v1/customers/${f.customer}/contact-points`, body: () => ({ kind: 'email', value: `${uniq()}@example.jp` }), ok: 201 },
  { method: 'DELETE', path: '/api/v1/contact-points/:id', perm: 'customers:write', url: () => `/api/v1/contact-points/${MISSING}`, ok: 404 },
  { method: 'GET', path: '/api/v1/customers/:id/owned-products', perm: 'customers:read', url: (f) => `/api/v1/customers/${f.customer}/owned-products`, ok: 200 },
  { method: 'POST', path: '/api/v1/customers/:id/owned-products', perm: 'customers:write', url: (f) => `/api/v1/customers/${f.customer}/owned-products`, body: (f) => ({ productId: f.product, serial: `SN${uniq()}` }), ok: 201 },
  { method: 'PATCH', path: '/api/v1/owned-products/:id', perm: 'customers:write', url: (f) => `/api/v1/owned-products/${f.owned}`, body: () => ({ warrantyUntil: '2030-01-31' }), ok: 200 },
  { method: 'DELETE', path: '/api/v1/owned-products/:id', perm: 'customers:write', url: () => `/api/v1/owned-products/${MISSING}`, ok: 404 },
  { method: 'GET', path: '/api/v1/products', perm: 'catalog:read', url: () => '/api/v1/products', ok: 200 },
  { method: 'POST', path: '/api/v1/products', perm: 'catalog:write', url: () => '/api/v1/products', body: () => ({ sku: `SKU-${uniq()}`, name: '権限テスト品' }), ok: 201 },
  { method: 'GET', path: '/api/v1/products/:id', perm: 'catalog:read', url: (f) => `/api/v1/products/${f.product}`, ok: 200 },
  { method: 'PATCH', path: '/api/v1/products/:id', perm: 'catalog:write', url: (f) => `/api/v1/products/${f.product}`, body: () => ({ category: uniq() }), ok: 200 },
  { method: 'DELETE', path: '/api/v1/products/:id', perm: 'catalog:write', url: () => `/api/v1/products/${MISSING}`, ok: 404 },
  { method: 'GET', path: '/api/v1/orders', perm: 'orders:read', url: () => '/api/v1/orders', ok: 200 },
  { method: 'POST', path: '/api/v1/orders', perm: 'orders:write', url: () => '/api/v1/orders', body: (f) => ({ customerId: f.customer, lines: [{ name: '品', quantity: 1, unitPriceJpy: 100 }] }), ok: 201 },
  { method: 'GET', path: '/api/v1/orders/:id', perm: 'orders:read', url: (f) => `/api/v1/orders/${f.order}`, ok: 200 },
  { method: 'PATCH', path: '/api/v1/orders/:id', perm: 'orders:write', url: (f) => `/api/v1/orders/${f.order}`, body: () => ({ status: 'shipped' }), ok: 200 },
  { method: 'DELETE', path: '/api/v1/orders/:id', perm: 'orders:write', url: () => `/api/v1/orders/${MISSING}`, ok: 404 },
  { method: 'GET', path: '/api/v1/interactions', perm: 'interactions:read', url: () => '/api/v1/interactions', ok: 200 },
  { method: 'POST', path: '/api/v1/interactions', perm: 'interactions:write', url: () => '/api/v1/interactions', body: (f) => ({ customerId: f.customer, channel: 'phone' }), ok: 201 },
  { method: 'GET', path: '/api/v1/interactions/:id', perm: 'interactions:read', url: (f) => `/api/v1/interactions/${f.interaction}`, ok: 200 },
  { method: 'PATCH', path: '/api/v1/interactions/:id', perm: 'interactions:write', url: (f) => `/api/v1/interactions/${f.interaction}`, body: () => ({ disposition: uniq() }), ok: 200 },
  { method: 'DELETE', path: '/api/v1/interactions/:id', perm: 'interactions:delete', url: () => `/api/v1/interactions/${MISSING}`, ok: 404 },
  { method: 'GET', path: '/api/v1/cases', perm: 'cases:read', url: () => '/api/v1/cases', ok: 200 },
  { method: 'POST', path: '/api/v1/cases', perm: 'cases:write', url: () => '/api/v1/cases', body: () => ({ title: `権限 ${uniq()}` }), ok: 201 },
  { method: 'GET', path: '/api/v1/cases/:id', perm: 'cases:read', url: (f) => `/api/v1/cases/${f.case}`, ok: 200 },
  { method: 'PATCH', path: '/api/v1/cases/:id', perm: 'cases:write', url: (f) => `/api/v1/cases/${f.case}`, body: () => ({ category: uniq() }), ok: 200 },
  { method: 'DELETE', path: '/api/v1/cases/:id', perm: 'cases:delete', url: () => `/api/v1/cases/${MISSING}`, ok: 404 },
  // ---- routing admin (routing-admin.routes.ts)
  { method: 'GET', path: '/api/v1/routing/skills', perm: 'routing:monitor', url: () => '/api/v1/routing/skills', ok: 200 },
  { method: 'POST', path: '/api/v1/routing/skills', perm: 'routing:admin', url: () => '/api/v1/routing/skills', body: () => ({ name: `権限 ${uniq()}` }), ok: 201 },
  { method: 'PATCH', path: '/api/v1/routing/skills/:id', perm: 'routing:admin', url: () => `/api/v1/routing/skills/${MISSING}`, body: () => ({ name: uniq() }), ok: 404 },
  { method: 'DELETE', path: '/api/v1/routing/skills/:id', perm: 'routing:admin', url: () => `/api/v1/routing/skills/${MISSING}`, ok: 404 },
  { method: 'GET', path: '/api/v1/routing/hours', perm: 'routing:monitor', url: () => '/api/v1/routing/hours', ok: 200 },
  { method: 'POST', path: '/api/v1/routing/hours', perm: 'routing:admin', url: () => '/api/v1/routing/hours', body: () => ({ name: `権限 ${uniq()}`, spec: { weekly: { mon: [{ open: '09:00', close: '18:00' }] }, nationalHolidays: 'closed' } }), ok: 201 },
  { method: 'GET', path: '/api/v1/routing/hours/:id', perm: 'routing:monitor', url: () => `/api/v1/routing/hours/${MISSING}`, ok: 404 },
  { method: 'PUT', path: '/api/v1/routing/hours/:id', perm: 'routing:admin', url: () => `/api/v1/routing/hours/${MISSING}`, body: () => ({ name: uniq(), spec: { weekly: {}, nationalHolidays: 'closed' } }), ok: 404 },
  { method: 'DELETE', path: '/api/v1/routing/hours/:id', perm: 'routing:admin', url: () => `/api/v1/routing/hours/${MISSING}`, ok: 404 },
  { method: 'GET', path: '/api/v1/routing/hours/:id/preview', perm: 'routing:monitor', url: () => `/api/v1/routing/hours/${MISSING}/preview`, ok: 404 },
  { method: 'GET', path: '/api/v1/routing/queues', perm: 'routing:monitor', url: () => '/api/v1/routing/queues', ok: 200 },
  { method: 'POST', path: '/api/v1/routing/queues', perm: 'routing:admin', url: () => '/api/v1/routing/queues', body: () => ({ name: `権限 ${uniq()}` }), ok: 201 },
  { method: 'GET', path: '/api/v1/routing/queues/:id', perm: 'routing:monitor', url: () => `/api/v1/routing/queues/${MISSING}`, ok: 404 },
  { method: 'PATCH', path: '/api/v1/routing/queues/:id', perm: 'routing:admin', url: () => `/api/v1/routing/queues/${MISSING}`, body: () => ({ priority: 1 }), ok: 404 },
  { method: 'DELETE', path: '/api/v1/routing/queues/:id', perm: 'routing:admin', url: () => `/api/v1/routing/queues/${MISSING}`, ok: 404 },
  { method: 'GET', path: '/api/v1/routing/agents', perm: 'routing:monitor', url: () => '/api/v1/routing/agents', ok: 200 },
  { method: 'PUT', path: '/api/v1/routing/agents/:userId', perm: 'routing:admin', url: () => `/api/v1/routing/agents/${MISSING}`, body: () => ({ capacity: {} }), ok: 404 },
  { method: 'GET', path: '/api/v1/routing/reason-codes', perm: 'routing:work', url: () => '/api/v1/routing/reason-codes?kind=break', ok: 200 },
  { method: 'POST', path: '/api/v1/routing/reason-codes', perm: 'routing:admin', url: () => '/api/v1/routing/reason-codes', body: () => ({ kind: 'break', code: `c${uniq()}`, label: '権限' }), ok: 201 },
  { method: 'PATCH', path: '/api/v1/routing/reason-codes/:id', perm: 'routing:admin', url: () => `/api/v1/routing/reason-codes/${MISSING}`, body: () => ({ label: uniq() }), ok: 404 },
  { method: 'DELETE', path: '/api/v1/routing/reason-codes/:id', perm: 'routing:admin', url: () => `/api/v1/routing/reason-codes/${MISSING}`, ok: 404 },
  // ---- routing (contacts, callbacks)
  { method: 'POST', path: '/api/v1/contacts', perm: 'contacts:create', url: () => '/api/v1/contacts', body: (f) => ({ channel: 'email', queueId: f.queue, subject: uniq() }), ok: 201 },
  { method: 'GET', path: '/api/v1/contacts', perm: 'routing:monitor', url: () => '/api/v1/contacts?live=true', ok: 200 },
  { method: 'GET', path: '/api/v1/contacts/:id', perm: 'contacts:create', url: (f) => `/api/v1/contacts/${f.contact}`, ok: 200 },
  { method: 'POST', path: '/api/v1/contacts/:id/abandon', perm: 'contacts:create', url: () => `/api/v1/contacts/${MISSING}/abandon`, ok: 404 },
  { method: 'POST', path: '/api/v1/callbacks', perm: 'routing:work', url: () => '/api/v1/callbacks', body: (f) => ({ queueId: f.queue, phone: '03-1234-5678', dueAt: '2099-01-01T00:00:00Z' }), ok: 201 },
  { method: 'GET', path: '/api/v1/callbacks', perm: 'routing:work', url: () => '/api/v1/callbacks', ok: 200 },
  // No softphone is set up in this tenant: the roles allowed learn so (409), the others are refused.
  { method: 'POST', path: '/api/v1/agent/softphone-token', perm: 'routing:work', url: () => '/api/v1/agent/softphone-token', ok: 409 },
  { method: 'DELETE', path: '/api/v1/callbacks/:id', perm: 'routing:work', url: () => `/api/v1/callbacks/${MISSING}`, ok: 404 },
  // ---- knowledge (knowledge.routes.ts)
  { method: 'GET', path: '/api/v1/knowledge/search', perm: 'knowledge:read', url: () => `/api/v1/knowledge/search?q=${encodeURIComponent('送料')}`, ok: 200 },
  { method: 'POST', path: '/api/v1/knowledge/articles', perm: 'knowledge:write', url: () => '/api/v1/knowledge/articles', body: () => ({ title: `権限 ${uniq()}`, body: '本文' }), ok: 201 },
  { method: 'GET', path: '/api/v1/knowledge/articles/:id', perm: 'knowledge:read', url: () => `/api/v1/knowledge/articles/${MISSING}`, ok: 404 },
  { method: 'POST', path: '/api/v1/knowledge/articles/:id/feedback', perm: 'knowledge:feedback', url: () => `/api/v1/knowledge/articles/${MISSING}/feedback`, body: () => ({ helpful: true }), ok: 404 },
  { method: 'GET', path: '/api/v1/knowledge/categories', perm: 'knowledge:read', url: () => '/api/v1/knowledge/categories', ok: 200 },
  { method: 'POST', path: '/api/v1/knowledge/categories', perm: 'knowledge:write', url: () => '/api/v1/knowledge/categories', body: () => ({ name: `権限 ${uniq()}` }), ok: 201 },
  { method: 'GET', path: '/api/v1/knowledge/synonyms', perm: 'knowledge:read', url: () => '/api/v1/knowledge/synonyms', ok: 200 },
  { method: 'PUT', path: '/api/v1/knowledge/synonyms', perm: 'knowledge:write', url: () => '/api/v1/knowledge/synonyms', body: () => ({ groups: [['返品', '返却']] }), ok: 204 },
  { method: 'GET', path: '/api/v1/knowledge/misses', perm: 'knowledge:write', url: () => '/api/v1/knowledge/misses', ok: 200 },
  // ---- knowledge workflow, attachments, usage, assist (knowledge-*.routes.ts)
  { method: 'PUT', path: '/api/v1/knowledge/articles/:id', perm: 'knowledge:write', url: () => `/api/v1/knowledge/articles/${MISSING}`, body: () => ({ title: '権限', body: '本文', baseVersion: 1 }), ok: 404 },
  { method: 'POST', path: '/api/v1/knowledge/articles/:id/submit', perm: 'knowledge:write', url: () => `/api/v1/knowledge/articles/${MISSING}/submit`, ok: 404 },
  { method: 'POST', path: '/api/v1/knowledge/articles/:id/approve', perm: 'knowledge:approve', url: () => `/api/v1/knowledge/articles/${MISSING}/approve`, body: () => ({}), ok: 404 },
  { method: 'POST', path: '/api/v1/knowledge/articles/:id/reject', perm: 'knowledge:approve', url: () => `/api/v1/knowledge/articles/${MISSING}/reject`, body: () => ({ note: '差し戻し' }), ok: 404 },
  { method: 'POST', path: '/api/v1/knowledge/articles/:id/archive', perm: 'knowledge:approve', url: () => `/api/v1/knowledge/articles/${MISSING}/archive`, ok: 404 },
  { method: 'POST', path: '/api/v1/knowledge/articles/:id/restore', perm: 'knowledge:write', url: () => `/api/v1/knowledge/articles/${MISSING}/restore`, body: () => ({ version: 1 }), ok: 404 },
  { method: 'GET', path: '/api/v1/knowledge/articles/:id/versions', perm: 'knowledge:write', url: () => `/api/v1/knowledge/articles/${MISSING}/versions`, ok: 404 },
  { method: 'GET', path: '/api/v1/knowledge/articles/:id/versions/:v', perm: 'knowledge:write', url: () => `/api/v1/knowledge/articles/${MISSING}/versions/1`, ok: 404 },
  { method: 'GET', path: '/api/v1/knowledge/articles/:id/diff', perm: 'knowledge:write', url: () => `/api/v1/knowledge/articles/${MISSING}/diff?from=1&to=2`, ok: 404 },
  { method: 'POST', path: '/api/v1/knowledge/articles/:id/attachments', perm: 'knowledge:write', url: () => `/api/v1/knowledge/articles/${MISSING}/attachments`, body: () => ({}), ok: 404 },
  { method: 'GET', path: '/api/v1/knowledge/articles/:id/attachments', perm: 'knowledge:read', url: () => `/api/v1/knowledge/articles/${MISSING}/attachments`, ok: 404 },
  { method: 'GET', path: '/api/v1/knowledge/articles/:id/attachments/:attId', perm: 'knowledge:read', url: () => `/api/v1/knowledge/articles/${MISSING}/attachments/${MISSING}`, ok: 404 },
  { method: 'DELETE', path: '/api/v1/knowledge/articles/:id/attachments/:attId', perm: 'knowledge:write', url: () => `/api/v1/knowledge/articles/${MISSING}/attachments/${MISSING}`, ok: 404 },
  { method: 'GET', path: '/api/v1/knowledge/reports/usage', perm: 'knowledge:write', url: () => '/api/v1/knowledge/reports/usage?from=2026-01-01&to=2026-01-31', ok: 200 },
  { method: 'GET', path: '/api/v1/knowledge/imports', perm: 'knowledge:write', url: () => '/api/v1/knowledge/imports', ok: 200 },
  { method: 'GET', path: '/api/v1/knowledge/imports/:id', perm: 'knowledge:write', url: () => `/api/v1/knowledge/imports/${MISSING}`, ok: 404 },
  { method: 'POST', path: '/api/v1/knowledge/imports', perm: 'knowledge:write', url: () => '/api/v1/knowledge/imports', body: () => ({}), ok: 415 },
  { method: 'POST', path: '/api/v1/knowledge/suggest', perm: 'knowledge:feedback', url: () => '/api/v1/knowledge/suggest', body: () => ({ text: '送料はいくらですか' }), ok: 200 },
  // ---- talk flows (talk-flow.routes.ts)
  { method: 'GET', path: '/api/v1/ivr-flows', perm: 'ivr:read', url: () => '/api/v1/ivr-flows', ok: 200 },
  { method: 'POST', path: '/api/v1/ivr-flows', perm: 'ivr:write', url: () => '/api/v1/ivr-flows', body: () => ({ name: `権限 ${uniq()}`, flow: { start: 'h', nodes: [{ type: 'hangup', id: 'h' }] } }), ok: 201 },
  { method: 'GET', path: '/api/v1/ivr-flows/:id', perm: 'ivr:read', url: () => `/api/v1/ivr-flows/${MISSING}`, ok: 404 },
  { method: 'PUT', path: '/api/v1/ivr-flows/:id', perm: 'ivr:write', url: () => `/api/v1/ivr-flows/${MISSING}`, body: () => ({ flow: { start: 'h', nodes: [] }, baseVersion: 1 }), ok: 404 },
  { method: 'POST', path: '/api/v1/ivr-flows/:id/publish', perm: 'ivr:write', url: () => `/api/v1/ivr-flows/${MISSING}/publish`, body: () => ({ version: 1 }), ok: 404 },
  { method: 'POST', path: '/api/v1/ivr-flows/:id/test', perm: 'ivr:read', url: () => `/api/v1/ivr-flows/${MISSING}/test`, body: () => ({ events: [] }), ok: 404 },
  { method: 'GET', path: '/api/v1/talk-flows', perm: 'talkflow:read', url: () => '/api/v1/talk-flows', ok: 200 },
  { method: 'POST', path: '/api/v1/talk-flows', perm: 'talkflow:write', url: () => '/api/v1/talk-flows', body: () => ({ name: `権限 ${uniq()}`, graph: { start: 'e', nodes: [{ type: 'end', id: 'e', text: '終了', outcome: { kind: 'escalate' } }] } }), ok: 201 },
  { method: 'GET', path: '/api/v1/talk-flows/:id', perm: 'talkflow:read', url: () => `/api/v1/talk-flows/${MISSING}`, ok: 404 },
  { method: 'PUT', path: '/api/v1/talk-flows/:id', perm: 'talkflow:write', url: () => `/api/v1/talk-flows/${MISSING}`, body: () => ({ graph: { start: 'e', nodes: [] }, baseVersion: 1 }), ok: 404 },
  { method: 'POST', path: '/api/v1/talk-flows/:id/publish', perm: 'talkflow:write', url: () => `/api/v1/talk-flows/${MISSING}/publish`, body: () => ({ version: 1 }), ok: 404 },
  { method: 'GET', path: '/api/v1/talk-flows/:id/versions', perm: 'talkflow:write', url: () => `/api/v1/talk-flows/${MISSING}/versions`, ok: 404 },
  { method: 'GET', path: '/api/v1/talk-flows/:id/versions/:version', perm: 'talkflow:write', url: () => `/api/v1/talk-flows/${MISSING}/versions/1`, ok: 404 },
  { method: 'POST', path: '/api/v1/talk-flows/:id/archive', perm: 'talkflow:write', url: () => `/api/v1/talk-flows/${MISSING}/archive`, ok: 404 },
  { method: 'GET', path: '/api/v1/talk-flows/:id/stats', perm: 'talkflow:write', url: () => `/api/v1/talk-flows/${MISSING}/stats`, ok: 404 },
  { method: 'POST', path: '/api/v1/talk-flows/:id/runs', perm: 'talkflow:run', url: () => `/api/v1/talk-flows/${MISSING}/runs`, body: () => ({}), ok: 404 },
  { method: 'GET', path: '/api/v1/talk-flow-runs/:id', perm: 'talkflow:read', url: () => `/api/v1/talk-flow-runs/${MISSING}`, ok: 404 },
  { method: 'POST', path: '/api/v1/talk-flow-runs/:id/steps', perm: 'talkflow:run', url: () => `/api/v1/talk-flow-runs/${MISSING}/steps`, body: () => ({}), ok: 404 },
  { method: 'POST', path: '/api/v1/talk-flow-runs/:id/abandon', perm: 'talkflow:run', url: () => `/api/v1/talk-flow-runs/${MISSING}/abandon`, ok: 404 },
  { method: 'GET', path: '/api/v1/interactions/:id/talk-flow-runs', perm: 'talkflow:read', url: (f) => `/api/v1/interactions/${f.interaction}/talk-flow-runs`, ok: 200 },
  // ---- FAQ portal admin (portal-admin.routes.ts); the pages under /portal are public HTML, outside /api
  { method: 'GET', path: '/api/v1/portal/settings', perm: 'portal:admin', url: () => '/api/v1/portal/settings', ok: 200 },
  { method: 'PUT', path: '/api/v1/portal/settings', perm: 'portal:admin', url: () => '/api/v1/portal/settings', body: () => ({ enabled: false }), ok: 200 },
  { method: 'GET', path: '/api/v1/portal/voices', perm: 'portal:admin', url: () => '/api/v1/portal/voices', ok: 200 },
  { method: 'POST', path: '/api/v1/portal/voices', perm: 'portal:admin', url: () => '/api/v1/portal/voices', body: () => ({ title: `権限 ${uniq()}`, voice: '声', response: '対応' }), ok: 201 },
  { method: 'GET', path: '/api/v1/portal/voices/:id', perm: 'portal:admin', url: () => `/api/v1/portal/voices/${MISSING}`, ok: 404 },
  { method: 'PATCH', path: '/api/v1/portal/voices/:id', perm: 'portal:admin', url: () => `/api/v1/portal/voices/${MISSING}`, body: () => ({ title: uniq() }), ok: 404 },
  { method: 'DELETE', path: '/api/v1/portal/voices/:id', perm: 'portal:admin', url: () => `/api/v1/portal/voices/${MISSING}`, ok: 404 },
  { method: 'POST', path: '/api/v1/portal/voices/:id/publish', perm: 'portal:admin', url: () => `/api/v1/portal/voices/${MISSING}/publish`, ok: 404 },
  { method: 'POST', path: '/api/v1/portal/voices/:id/unpublish', perm: 'portal:admin', url: () => `/api/v1/portal/voices/${MISSING}/unpublish`, ok: 404 },
  { method: 'GET', path: '/api/v1/portal/stale', perm: 'portal:admin', url: () => '/api/v1/portal/stale', ok: 200 },
  { method: 'GET', path: '/api/v1/portal/health', perm: 'portal:admin', url: () => '/api/v1/portal/health', ok: 200 },
  // ---- telephony settings and the call log (telephony-settings.routes.ts, call-log.routes.ts); the CTI webhook is public (token in the path)
  { method: 'GET', path: '/api/v1/telephony/settings', perm: 'telephony:admin', url: () => '/api/v1/telephony/settings', ok: 200 },
  { method: 'PUT', path: '/api/v1/telephony/settings', perm: 'telephony:admin', url: () => '/api/v1/telephony/settings', body: () => ({ blockedNumbers: ['03-1234-5678'] }), ok: 200 },
  { method: 'POST', path: '/api/v1/telephony/cti-token', perm: 'telephony:admin', url: () => '/api/v1/telephony/cti-token', ok: 200 },
  { method: 'GET', path: '/api/v1/calls', perm: 'customers:read', url: () => '/api/v1/calls', ok: 200 },
  { method: 'GET', path: '/api/v1/calls/:id', perm: 'customers:read', url: () => `/api/v1/calls/${MISSING}`, ok: 404 },
  { method: 'GET', path: '/api/v1/calls/:id/recording', perm: 'customers:read', url: () => `/api/v1/calls/${MISSING}/recording`, ok: 404 },
  { method: 'POST', path: '/api/v1/calls/:id/customer', perm: 'customers:write', url: () => `/api/v1/calls/${MISSING}/customer`, body: (f) => ({ customerId: f.customer }), ok: 404 },
  // Click-to-call rings the signed-in agent: no PBX URL or Twilio caller id in this tenant, so the roles allowed learn so (409).
  { method: 'POST', path: '/api/v1/calls/dial', perm: 'routing:work', url: () => '/api/v1/calls/dial', body: () => ({ to: '06-1234-5678' }), ok: 409 },
];

/** Routes open to any signed-in user (no tenant permission) and the one public route. */
const userRoutes = [
  { method: 'GET', path: '/api/v1/me' },
  { method: 'POST', path: '/api/v1/auth/logout' },
  // The agent desktop is per person (an agent serves several tenants; the engine checks each contact),
  // the wallboard checks routing:monitor per tenant itself.
  { method: 'GET', path: '/api/v1/agent/me' },
  { method: 'GET', path: '/api/v1/agent/ws' },
  { method: 'POST', path: '/api/v1/agent/presence' },
  { method: 'POST', path: '/api/v1/agent/offers/:contactId/accept' },
  { method: 'POST', path: '/api/v1/agent/offers/:contactId/reject' },
  { method: 'POST', path: '/api/v1/agent/contacts/:contactId/notes' },
  { method: 'POST', path: '/api/v1/agent/contacts/:contactId/customer' },
  { method: 'POST', path: '/api/v1/agent/contacts/:contactId/end' },
  { method: 'POST', path: '/api/v1/agent/contacts/:contactId/wrap-up' },
  { method: 'POST', path: '/api/v1/agent/contacts/:contactId/transfer' },
  { method: 'POST', path: '/api/v1/agent/contacts/:contactId/consult' },
  { method: 'GET', path: '/api/v1/agent/contacts/:contactId/transfer-targets' },
  { method: 'GET', path: '/api/v1/wallboard' },
  { method: 'GET', path: '/api/v1/wallboard/ws' },
] as const;
const publicRoutes = [
  { method: 'POST', path: '/api/v1/auth/login' },
  // The generic CTI webhook: authenticated by the tenant's token in the path (test/api/cti-webhook.db.test.ts).
  { method: 'POST', path: '/api/v1/cti/:token' },
  // Twilio's Voice webhooks: authenticated by X-Twilio-Signature with the tenant's auth token (test/api/twilio-voice.db.test.ts).
  ...['voice', 'status', 'calls/:callId/gather', 'calls/:callId/wait', 'calls/:callId/after-queue', 'calls/:callId/outbound', 'calls/:callId/dial-done', 'calls/:callId/recording']
    .map((p) => ({ method: 'POST', path: `/api/v1/telephony/twilio/${p}` }) as const),
] as const;

/** Full paths and methods of Fastify's route tree (printRoutes nests children under their parent). */
function routesOf(tree: string): Set<string> {
  const out = new Set<string>();
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^(.*?)(?:├── |└── )(\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = Array.from(m[1]!).length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const path = stack.join('').replace(/\/{2,}/g, '/');
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) out.add(`${method} ${path}`);
  }
  return out;
}

describe.each(testEngines())('roles and permissions on every route [%s]', (engine) => {
  let t: TestApp;
  let acme: Awaited<ReturnType<typeof createTenantWithStaff>>;
  const sessions = {} as Record<Role, HttpSession>;
  const f = {} as Fixture;

  beforeAll(async () => {
    t = await createTestApp(engine);
    acme = await createTenantWithStaff(t.services, 'acme');
    for (const role of ROLES) sessions[role] = await new HttpSession(t.app).login(acme.users[role].email, TEST_PASSWORD);
    const admin = sessions.admin;
    const make = async (url: string, body: unknown) => {
      const res = await admin.post(url, body as object);
      expect(res.statusCode, `${url} ${res.body}`).toBe(201);
      return res.json().id as string;
    };
    f.customer = await make('/api/v1/customers', { name: '山田 太郎', phones: [{ value: '03-1234-5678' }] });
    f.contactPoint = (await admin.get(`/api/v1/customers/${f.customer}/contact-points`)).json().items[0].id;
    f.product = await make('/api/v1/products', { sku: 'FIX-1', name: '固定品' });
    f.owned = await make(`/api/v1/customers/${f.customer}/owned-products`, { productId: f.product, serial: 'FIX-SERIAL-1' });
    f.order = await make('/api/v1/orders', { customerId: f.customer, lines: [{ productId: f.product, name: '固定品', quantity: 1, unitPriceJpy: 1 }] });
    f.interaction = await make('/api/v1/interactions', { customerId: f.customer, channel: 'phone' });
    f.case = await make('/api/v1/cases', { title: '固定案件', customerId: f.customer });
    f.queue = await make('/api/v1/routing/queues', { name: '権限キュー' });
    f.contact = await make('/api/v1/contacts', { channel: 'email', queueId: f.queue });
  });
  afterAll(() => t.close());

  it('covers every /api/v1 route of the app in the table (a new route must be classified here)', () => {
    const actual = [...routesOf(t.app.printRoutes({ commonPrefix: false }))]
      .filter((r) => r.split(' ')[1]!.startsWith('/api/v1/') && !r.startsWith('HEAD '))
      .sort();
    const listed = [...routes, ...userRoutes, ...publicRoutes].map((r) => `${r.method} ${r.path}`).sort();
    expect(actual).toEqual(listed);
  });

  for (const route of routes) {
    it(`${route.method} ${route.path} (${route.perm}) is allowed for ${policy[route.perm].join(', ')} only`, async () => {
      for (const role of ROLES) {
        const res = await sessions[role].request(route.method, route.url(f), route.body?.(f) as object | undefined, route.headers);
        const label = `${role}: ${route.method} ${route.url(f)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        if (policy[route.perm].includes(role)) {
          expect(res.statusCode, label).toBe(route.ok);
        } else {
          expectProblem(res, 403, 'forbidden');
        }
      }
    });
  }

  it('states the headline rules explicitly', async () => {
    const cv = sessions.client_viewer;
    expectProblem(await cv.get('/api/v1/customers'), 403, 'forbidden');
    expectProblem(await cv.get(`/api/v1/customers/${f.customer}`), 403, 'forbidden');
    expectProblem(await cv.get(`/api/v1/customers/${f.customer}/overview`), 403, 'forbidden');
    expectProblem(await cv.get('/api/v1/customers/lookup?phone=0312345678'), 403, 'forbidden');
    for (const r of routes.filter((x) => x.method !== 'GET')) {
      expectProblem(await cv.request(r.method, r.url(f), r.body?.(f) as object | undefined, r.headers), 403, 'forbidden');
    }
    expectProblem(await sessions.agent.delete(`/api/v1/customers/${f.customer}`), 403, 'forbidden');
    expectProblem(await sessions.agent.get('/api/v1/audit'), 403, 'forbidden');
    expectProblem(await sessions.hq.post('/api/v1/customers', { name: '本部' }), 403, 'forbidden');
    expectProblem(await sessions.hq.patch(`/api/v1/customers/${f.customer}`, { notes: '本部' }), 403, 'forbidden');
    expectProblem(await sessions.hq.delete(`/api/v1/customers/${f.customer}`), 403, 'forbidden');
    expect((await sessions.admin.get('/api/v1/audit')).statusCode).toBe(200);
    // The customer survived every refused delete.
    expect((await sessions.admin.get(`/api/v1/customers/${f.customer}`)).statusCode).toBe(200);
  });

  it('applies the role of an API token the same way', async () => {
    const viewer = HttpSession.withToken(t.app, (await t.services.auth.createApiToken({ tenantId: acme.tenant.id, role: 'client_viewer', name: 'viewer' })).token);
    expectProblem(await viewer.get('/api/v1/customers'), 403, 'forbidden');
    expectProblem(await viewer.post('/api/v1/cases', { title: 'x' }), 403, 'forbidden');
    expect((await viewer.get('/api/v1/cases')).statusCode).toBe(200);
    const agent = HttpSession.withToken(t.app, (await t.services.auth.createApiToken({ tenantId: acme.tenant.id, role: 'agent', name: 'agent' })).token);
    expectProblem(await agent.get('/api/v1/audit'), 403, 'forbidden');
    expectProblem(await agent.delete(`/api/v1/customers/${f.customer}`), 403, 'forbidden');
    // Token calls have no user: user-only endpoints refuse them.
    expectProblem(await agent.get('/api/v1/me'), 403, 'forbidden');
  });

  it('answers 401 problem+json on every non-public route without credentials or with a bogus cookie', async () => {
    const all = [...routes.map((r) => ({ method: r.method, url: r.url(f), body: r.body?.(f), headers: r.headers ?? {} })), ...userRoutes.map((r) => ({ method: r.method, url: r.path, body: undefined, headers: {} }))];
    for (const cookie of [undefined, 'madoguchi_session=not-a-session', `madoguchi_session=${'x'.repeat(43)}`]) {
      for (const r of all) {
        const res = await t.app.inject({ method: r.method, url: r.url, payload: r.body as object | undefined, headers: { ...r.headers, ...(cookie ? { cookie } : {}) } });
        const body = expectProblem(res, 401, 'unauthenticated');
        expect(body.detail, `${r.method} ${r.url}`).toBeTruthy();
      }
    }
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x@y.test', password: 'nope-nope' } });
    expectProblem(login, 401, 'invalid_credentials');
  });
});

describe('startup check: every /api route declares config.access', () => {
  const resolver = { resolveSession: async () => null, resolveToken: async () => null };

  it('refuses to start when an /api route lacks config.access', async () => {
    const app = Fastify();
    await app.register(accessPlugin, { resolver });
    void app.register(async (child) => {
      child.get('/api/v1/forgotten', async () => ({ secret: true }));
    });
    await expect(app.ready()).rejects.toThrow(/GET \/api\/v1\/forgotten declares no config\.access/);
    await app.close().catch(() => undefined);
  });

  it('refuses a route added under a prefix too', async () => {
    const app = Fastify();
    await app.register(accessPlugin, { resolver });
    void app.register(async (child) => {
      child.post('/things', async () => ({}));
    }, { prefix: '/api/v2' });
    await expect(app.ready()).rejects.toThrow(/POST \/api\/v2\/things declares no config\.access/);
    await app.close().catch(() => undefined);
  });

  it('starts when every /api route declares its access (non-API routes need none)', async () => {
    const app = Fastify();
    await app.register(accessPlugin, { resolver });
    await app.register(async (child) => {
      child.get('/api/v1/declared', { config: { access: 'customers:read' } }, async () => ({}));
      child.get('/healthz', async () => ({ ok: true }));
    });
    await expect(app.ready()).resolves.toBeDefined();
    await app.close();
  });
});
