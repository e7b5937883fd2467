import { expect } from 'vitest';
import type { HttpSession } from '../support/test-app.js';

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 201) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as Record<string, unknown> & { id: string };
}

/** Skills, queues, codes and agent profiles through the admin API, as an administrator would. */
export function routingAdmin(admin: HttpSession) {
  return {
    skill: (name: string) => ok(admin.post('/api/v1/routing/skills', { name })),
    queue: (body: Record<string, unknown>) => ok(admin.post('/api/v1/routing/queues', { offerTimeoutSec: 20, wrapUpLimitSec: 60, ...body })),
    code: (kind: 'break' | 'disposition', code: string, label: string) => ok(admin.post('/api/v1/routing/reason-codes', { kind, code, label })),
    agent: (userId: string, skills: { skillId: string; level: number }[], capacity: Record<string, number> = { voice: 1, chat: 2 }) =>
      ok(admin.request('PUT', `/api/v1/routing/agents/${userId}`, { capacity, voiceBlocksOthers: true, skills }), 200),
  };
}
