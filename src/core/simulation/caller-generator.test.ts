import { describe, expect, it } from 'vitest';
import { createCallerGenerator, type SimTenant } from './caller-generator.js';
import { resolveSimParams } from './sim-params.js';

const tenants: SimTenant[] = [
  {
    slug: 'sakura-denki',
    queues: [{ id: 'q1', name: '修理受付' }, { id: 'q2', name: '製品相談' }],
    customers: [
      { phone: '+819012345678', email: 'taro@example.jp', serial: 'SR4501-23A-00417' },
      { phone: '+819011112222', email: null, serial: null },
      { phone: null, email: 'hanako@example.jp', serial: 'KA-0001234-9F3C' },
    ],
  },
  { slug: 'hanamaru-tsuhan', queues: [{ id: 'q3', name: '注文受付' }], customers: [], weight: 1 },
  { slug: 'no-queues', queues: [], customers: [] },
];

const draw = (n: number, overrides: Parameters<typeof resolveSimParams>[0] = {}) => {
  const g = createCallerGenerator(resolveSimParams({ seed: 1, ...overrides }), tenants, 'run1');
  return Array.from({ length: n }, () => ({ gap: g.nextGapMs(), plan: g.next() }));
};

describe('createCallerGenerator', () => {
  it('is deterministic for a seed', () => {
    expect(draw(50)).toEqual(draw(50));
    expect(draw(50, { seed: 2 })).not.toEqual(draw(50));
  });

  it('spreads contacts over tenants that have queues, with unique external ids', () => {
    const plans = draw(4000).map((d) => d.plan);
    expect(new Set(plans.map((p) => p.externalId)).size).toBe(plans.length);
    expect(plans[0]!.externalId).toBe('sim-run1-1');
    expect(plans.some((p) => p.tenantSlug === 'no-queues')).toBe(false);
    const sakura = plans.filter((p) => p.tenantSlug === 'sakura-denki');
    expect(sakura.length / plans.length).toBeGreaterThan(0.46);
    expect(sakura.length / plans.length).toBeLessThan(0.54);
    for (const p of sakura) expect(['q1', 'q2']).toContain(p.queueId);
    for (const p of plans.filter((x) => x.tenantSlug === 'hanamaru-tsuhan')) {
      expect(p.queueId).toBe('q3');
      expect(p.known).toBe(false); // no customers to borrow from
    }
  });

  it('uses known customers about knownCustomerShare of the time, with their own keys', () => {
    const plans = draw(6000, { knownCustomerShare: 0.6 }).map((d) => d.plan).filter((p) => p.tenantSlug === 'sakura-denki');
    const known = plans.filter((p) => p.known);
    expect(known.length / plans.length).toBeGreaterThan(0.56);
    expect(known.length / plans.length).toBeLessThan(0.64);
    const keys = new Set(['+819012345678', '+819011112222', 'SR4501-23A-00417', 'KA-0001234-9F3C']);
    for (const p of known) expect((p.from && keys.has(p.from)) || (p.serial && keys.has(p.serial))).toBeTruthy();
    expect(known.some((p) => p.serial !== null)).toBe(true);
    for (const p of plans.filter((x) => !x.known)) {
      expect(p.serial).toBeNull();
      expect(p.from).toMatch(/^0[789]0-\d{4}-\d{4}$/);
    }
    expect(draw(200, { knownCustomerShare: 0 }).every((d) => !d.plan.known)).toBe(true);
  });

  it('draws arrival gaps with the configured rate and patience with the configured mean', () => {
    const d = draw(20_000, { ratePerMinute: 30, patienceMeanSec: 40 });
    const meanGap = d.reduce((s, x) => s + x.gap, 0) / d.length;
    // 60 000 ms / 30; ±3 % is about 4 standard errors at 20 000 samples
    expect(meanGap / 2000).toBeGreaterThan(0.97);
    expect(meanGap / 2000).toBeLessThan(1.03);
    const meanPatience = d.reduce((s, x) => s + (x.plan.patienceMs ?? 0), 0) / d.length;
    expect(meanPatience / 40_000).toBeGreaterThan(0.97);
    expect(meanPatience / 40_000).toBeLessThan(1.03);
    expect(draw(10, { patienceMeanSec: 0 }).every((x) => x.plan.patienceMs === null)).toBe(true);
  });

  it('mixes channels 3:1 voice:chat and gives chats an e-mail or a number', () => {
    const plans = draw(8000, { channels: 'voice,chat' }).map((d) => d.plan);
    const chats = plans.filter((p) => p.channel === 'chat');
    expect(chats.length / plans.length).toBeGreaterThan(0.23);
    expect(chats.length / plans.length).toBeLessThan(0.27);
    expect(chats.some((p) => p.from?.includes('@'))).toBe(true);
    expect(draw(100, { channels: 'chat' }).every((d) => d.plan.channel === 'chat')).toBe(true);
    expect(plans.every((p) => p.subject.length > 0 && typeof p.context === 'object')).toBe(true);
  });

  it('refuses tenants without any queue', () => {
    expect(() => createCallerGenerator(resolveSimParams(), [tenants[2]!], 'x')).toThrow(/no tenant with a queue/);
  });
});
