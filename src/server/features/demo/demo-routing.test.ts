import { describe, expect, it } from 'vitest';
import { validateBusinessHours } from '../../../core/routing/business-hours.js';
import { generateDemoDataset } from './demo-data.js';
import { DEMO_BREAK_CODES, demoRoutingPlan, demoRoutingRows } from './demo-routing.js';

const NOW = new Date('2026-03-15T03:00:00Z');
const dataset = generateDemoDataset({ seed: 1, now: NOW, customersPerTenant: 60 });

function rowsOf() {
  let n = 0;
  const ids = () => `id-${++n}`;
  const tenantIds = new Map(dataset.tenants.map((t) => [t.slug, `tenant-${t.slug}`]));
  const userIds = new Map(dataset.users.map((u) => [u.email, `user-${u.email}`]));
  return demoRoutingRows(dataset, { ids, now: NOW, tenantIds, userIds });
}

describe('demo routing', () => {
  it('gives each tenant skills, valid hours, queues with overflow, and break and disposition codes', () => {
    for (const t of dataset.tenants) {
      const plan = demoRoutingPlan(t.slug);
      expect(validateBusinessHours(plan.hours.spec)).toEqual([]);
      expect(plan.queues.length).toBeGreaterThanOrEqual(2);
      expect(plan.queues.length).toBeLessThanOrEqual(3);
      for (const q of plan.queues) {
        for (const skill of Object.keys(q.requires)) expect(plan.skills).toContain(skill);
        expect(q.overflow.length).toBeGreaterThan(0);
      }
      for (const [code, label] of [...DEMO_BREAK_CODES, ...plan.dispositions]) {
        expect(code).toMatch(/^[a-z0-9_-]{1,40}$/);
        expect(label.length).toBeLessThanOrEqual(80);
      }
      // every disposition recorded on the demo interactions is a code agents can pick
      const recorded = new Set(t.customers.flatMap((c) => c.interactions.map((i) => i.disposition)).filter((d): d is string => d !== null));
      const labels = new Set(plan.dispositions.map(([, label]) => label));
      expect([...recorded].filter((d) => !labels.has(d))).toEqual([]);
    }
    expect(demoRoutingPlan('hanamaru-tsuhan').hours.spec.weekly.sun).toBeDefined();
    expect(demoRoutingPlan('sakura-denki').hours.spec.weekly.sun).toBeUndefined();
  });

  it('makes the shared agent and each company\'s own agent differ in skills', () => {
    const skillsOf = (slug: string, local: string) => Object.keys(demoRoutingPlan(slug).agents[local] ?? {}).sort();
    expect(skillsOf('sakura-denki', 'agent')).not.toEqual(skillsOf('sakura-denki', 'agent.sakura'));
    expect(skillsOf('hanamaru-tsuhan', 'agent')).not.toEqual(skillsOf('hanamaru-tsuhan', 'agent.hanamaru'));
    // every queue has at least two agents who qualify without relaxing
    for (const t of dataset.tenants) {
      const plan = demoRoutingPlan(t.slug);
      for (const q of plan.queues) {
        const able = Object.values(plan.agents).filter((levels) => Object.entries(q.requires).every(([s, min]) => (levels[s] ?? 0) >= min));
        expect(able.length, q.name).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('resolves names to ids and gives a profile to everyone who takes contacts', () => {
    const rows = rowsOf();
    expect(rows.routingSkills).toHaveLength(6);
    expect(rows.routingQueues).toHaveLength(6);
    expect(rows.businessHours).toHaveLength(2);
    const skillIds = new Set(rows.routingSkills.map((s) => s.id));
    const queues = new Map(rows.routingQueues.map((q) => [q.id, q]));
    for (const q of rows.routingQueues) {
      expect(q).toMatchObject({ serviceLevelSec: 20, serviceLevelTarget: 0.8, wrapUpLimitSec: 60 });
      for (const r of q.requiredSkills as { skillId: string }[]) expect(skillIds.has(r.skillId)).toBe(true);
      for (const o of q.overflow as { kind: string; queueId?: string }[]) {
        if (o.kind === 'add_queue') expect(queues.get(o.queueId!)?.tenantId).toBe(q.tenantId);
      }
    }
    expect(rows.agentProfiles.map((p) => p.userId.replace(/^user-/, '')).sort()).toEqual([
      'agent.hanamaru2@mirai-cc.example.jp', 'agent.hanamaru@mirai-cc.example.jp', 'agent.sakura2@mirai-cc.example.jp',
      'agent.sakura@mirai-cc.example.jp', 'agent@mirai-cc.example.jp', 'sv@mirai-cc.example.jp',
    ]);
    for (const s of rows.agentSkills) expect(rows.routingSkills.find((x) => x.id === s.skillId)?.tenantId).toBe(s.tenantId);
    const codes = rows.reasonCodes.map((c) => `${c.tenantId}/${c.kind}/${c.code}`);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
