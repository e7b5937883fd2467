import { and, gte, inArray } from 'drizzle-orm';
import { hasPermission } from '../../../core/auth/permissions.js';
import { computeContactMetrics, contactMetricsFromTally, mergeContactTallies, tallyContacts, type ContactRecord } from '../../../core/metrics/contact-metrics.js';
import { startOfLocalDay } from '../../../core/metrics/interval.js';
import { wallboardFigures } from '../../../core/metrics/wallboard-figures.js';
import { agentView } from '../../../core/routing/routing-engine.js';
import type { AgentId, Channel, ContactId, Millis, QueueId } from '../../../core/routing/routing.types.js';
import type { Db } from '../../db/client.js';
import { contactLegs, routingQueues } from '../../db/schema.js';
import { AppError } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { DeskRepository } from './desk.repository.js';
import type { RoutingRuntime } from './routing-runtime.js';
import type { UserPrincipal } from './agent-desk.service.js';
import type { Wallboard } from './wallboard.schemas.js';
import type { ActivityClock } from './activity-clock.js';

const toMs = (d: Date | null) => (d ? (d.getTime() as Millis) : null);

/** Live queue and agent figures for supervisors (C6): today's legs plus the engine's live state. */
export function createWallboardService(deps: { db: Db; runtime: RoutingRuntime; desk: DeskRepository; activity: ActivityClock; clock: Clock }) {
  const { db, runtime } = deps;

  function monitoredTenants(p: UserPrincipal, slugs: string[] | undefined) {
    const allowed = p.memberships.filter((m) => hasPermission(m.role, 'routing:monitor'));
    const picked = slugs?.length ? allowed.filter((m) => slugs.includes(m.tenantSlug)) : allowed;
    if (picked.length === 0) throw new AppError('forbidden', 'You may not monitor these tenants');
    return picked;
  }

  async function board(p: UserPrincipal, slugs?: string[]): Promise<Wallboard> {
    const tenants = monitoredTenants(p, slugs);
    const tenantIds = tenants.map((t) => t.tenantId);
    const now = deps.clock.now().getTime();
    // "Today" is the earliest local midnight among the tenants (all JST in practice).
    const since = new Date(Math.min(...tenants.map((t) => startOfLocalDay(now, t.timeZone))));
    const [queues, legs] = await Promise.all([
      db.select().from(routingQueues).where(inArray(routingQueues.tenantId, tenantIds)),
      db.select().from(contactLegs).where(and(inArray(contactLegs.tenantId, tenantIds), gte(contactLegs.offeredAt, since))),
    ]);
    const state = runtime.current();
    const live = new Map<string, { waiting: number; longestWaitMs: number | null }>();
    for (const c of state.contacts.values()) {
      if (c.status.kind === 'connected') continue;
      const l = live.get(c.queueId) ?? { waiting: 0, longestWaitMs: null };
      l.waiting++;
      l.longestWaitMs = Math.max(l.longestWaitMs ?? 0, now - c.arrivedAt);
      live.set(c.queueId, l);
    }
    const recordsByQueue = new Map<string, ContactRecord[]>();
    for (const l of legs) {
      const list = recordsByQueue.get(l.queueId) ?? [];
      list.push({
        contactId: l.contactId as ContactId, queueId: l.queueId as QueueId, channel: l.channel as Channel, offeredAt: l.offeredAt.getTime() as Millis,
        answeredAt: toMs(l.answeredAt), endedAt: toMs(l.endedAt), wrapUpEndedAt: toMs(l.wrapUpEndedAt), endReason: l.endReason as ContactRecord['endReason'],
      });
      recordsByQueue.set(l.queueId, list);
    }
    const queueRows = queues.sort((a, b) => a.name.localeCompare(b.name, 'ja')).map((q) => {
      const options = { records: recordsByQueue.get(q.id) ?? [], serviceLevelSec: q.serviceLevelSec };
      return { q, tally: tallyContacts(options), metrics: computeContactMetrics(options), live: live.get(q.id) ?? { waiting: 0, longestWaitMs: null } };
    });
    const tenantRows = tenants.map((t) => {
      const mine = queueRows.filter((r) => r.q.tenantId === t.tenantId);
      const totals = contactMetricsFromTally(mergeContactTallies(mine.map((r) => r.tally)));
      const waiting = mine.reduce((s, r) => s + r.live.waiting, 0);
      const longest = mine.reduce<number | null>((m, r) => (r.live.longestWaitMs === null ? m : Math.max(m ?? 0, r.live.longestWaitMs)), null);
      return { tenantId: t.tenantId, slug: t.tenantSlug, name: t.tenantName, totals: wallboardFigures(totals, { waiting, longestWaitMs: longest }) };
    });
    const agentIds = [...state.index.agents.values()].filter((a) => a.tenantIds.some((t) => tenantIds.includes(t))).map((a) => a.id);
    const names = await deps.desk.userNames(agentIds);
    const reasonLabels = new Map((await deps.desk.breakReasons(tenantIds)).map((r) => [r.code, r.label]));
    const agents = agentIds.map((id) => {
      const v = agentView(state, id as AgentId)!;
      const since = deps.activity.since(id, v.presenceSince);
      const reason = v.presence.kind === 'break' ? v.presence.reason : null;
      return {
        agentId: id, name: names.get(id) ?? id, activity: v.activity, reason, reasonLabel: reason ? (reasonLabels.get(reason) ?? reason) : null,
        since: new Date(since).toISOString(), tenantIds: state.index.agents.get(id)!.tenantIds.filter((t) => tenantIds.includes(t)), load: v.load,
      };
    }).sort((a, b) => a.name.localeCompare(b.name, 'ja'));
    return {
      at: new Date(now).toISOString(),
      tenants: tenantRows,
      queues: queueRows.map(({ q, metrics, live: l }) => ({
        queueId: q.id, tenantId: q.tenantId, name: q.name, serviceLevelSec: q.serviceLevelSec, serviceLevelTarget: q.serviceLevelTarget,
        figures: wallboardFigures(metrics, l),
      })),
      agents,
    };
  }

  return { board, monitoredTenants };
}
export type WallboardService = ReturnType<typeof createWallboardService>;
