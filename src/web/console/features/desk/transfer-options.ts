import type { TransferTargets } from '../../api/routing-types.js';

export type TargetKind = 'queue' | 'agent';

/** Select options: queues with their waiting count, agents with their activity; unavailable agents disabled. */
export function targetOptions(
  targets: TransferTargets,
  kind: TargetKind,
  activityLabel: (activity: string) => string,
  waitingLabel: (n: number) => string,
): { value: string; label: string; disabled?: boolean }[] {
  if (kind === 'queue') return targets.queues.map((q) => ({ value: q.id, label: `${q.name}（${waitingLabel(q.waiting)}）` }));
  return targets.agents.map((a) => ({
    value: a.id,
    label: `${a.name} — ${activityLabel(a.activity)}`,
    disabled: a.activity === 'offline',
  }));
}
