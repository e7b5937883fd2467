import { issue, range, type Issue } from './validation.js';
import { ROUTING_CHANNELS, type ClosedHoursMode, type OverflowRule, type QueueInput, type RoutingChannel, type RoutingQueue } from '../../api/routing-types.js';

/** A number field's value: Mantine's NumberInput gives '' while empty. */
export type NumberValue = number | '';

/** A NumberInput's change as a form value: '' stays empty, text becomes a number. */
export const asNumber = (value: string | number): NumberValue => (typeof value === 'number' ? value : value === '' ? '' : Number(value));

export interface RequiredSkillRow {
  skillId: string | null;
  minLevel: NumberValue;
}

export interface OverflowRow {
  afterSec: NumberValue;
  kind: OverflowRule['kind'];
  /** add_queue */
  queueId: string | null;
  /** relax_level */
  by: NumberValue;
}

/** '' = the channel's default (voice and chat: closed message; e-mail, LINE, web: wait for opening). */
export type WhenClosedValue = ClosedHoursMode | '';

export interface QueueFormValues {
  name: string;
  requiredSkills: RequiredSkillRow[];
  priority: NumberValue;
  agingPerMinute: NumberValue;
  offerTimeoutSec: NumberValue;
  wrapUpLimitSec: NumberValue;
  serviceLevelSec: NumberValue;
  /** 0–100 on screen, a share 0–1 on the wire. */
  serviceLevelPercent: NumberValue;
  stickyWindowSec: NumberValue;
  overflow: OverflowRow[];
  hoursId: string | null;
  whenClosed: Record<RoutingChannel, WhenClosedValue>;
}

const noClosedRules = (): Record<RoutingChannel, WhenClosedValue> => ({ voice: '', chat: '', email: '', line: '', web: '' });

/** The server's defaults (routing_queues columns). */
export function emptyQueueForm(): QueueFormValues {
  return {
    name: '',
    requiredSkills: [],
    priority: 0,
    agingPerMinute: 1,
    offerTimeoutSec: 20,
    wrapUpLimitSec: 60,
    serviceLevelSec: 20,
    serviceLevelPercent: 80,
    stickyWindowSec: 0,
    overflow: [],
    hoursId: null,
    whenClosed: noClosedRules(),
  };
}

export function emptyOverflowRow(): OverflowRow {
  return { afterSec: 60, kind: 'add_queue', queueId: null, by: 1 };
}

export function queueToForm(queue: RoutingQueue): QueueFormValues {
  const whenClosed = noClosedRules();
  for (const channel of ROUTING_CHANNELS) whenClosed[channel] = queue.whenClosed?.[channel] ?? '';
  return {
    name: queue.name,
    requiredSkills: queue.requiredSkills.map((r) => ({ skillId: r.skillId, minLevel: r.minLevel })),
    priority: queue.priority,
    agingPerMinute: queue.agingPerMinute,
    offerTimeoutSec: queue.offerTimeoutSec,
    wrapUpLimitSec: queue.wrapUpLimitSec,
    serviceLevelSec: queue.serviceLevelSec,
    serviceLevelPercent: Math.round(queue.serviceLevelTarget * 1000) / 10,
    stickyWindowSec: queue.stickyWindowSec,
    overflow: queue.overflow.map((rule) =>
      rule.kind === 'add_queue'
        ? { afterSec: rule.afterSec, kind: 'add_queue', queueId: rule.queueId, by: 1 }
        : { afterSec: rule.afterSec, kind: 'relax_level', queueId: null, by: rule.by },
    ),
    hoursId: queue.hoursId ?? null,
    whenClosed,
  };
}

const num = (value: NumberValue, fallback = 0): number => (value === '' || !Number.isFinite(value) ? fallback : value);

/** The body of POST / PATCH `/routing/queues`: every field, the channel defaults left out of `whenClosed`. */
export function formToQueueInput(values: QueueFormValues): QueueInput {
  const whenClosed: QueueInput['whenClosed'] = {};
  for (const channel of ROUTING_CHANNELS) {
    const mode = values.whenClosed[channel];
    if (mode) whenClosed[channel] = mode;
  }
  return {
    name: values.name.trim(),
    requiredSkills: values.requiredSkills.filter((r) => r.skillId).map((r) => ({ skillId: r.skillId ?? '', minLevel: num(r.minLevel, 1) })),
    priority: num(values.priority),
    agingPerMinute: num(values.agingPerMinute),
    offerTimeoutSec: num(values.offerTimeoutSec),
    wrapUpLimitSec: num(values.wrapUpLimitSec),
    serviceLevelSec: num(values.serviceLevelSec),
    serviceLevelTarget: Math.round(num(values.serviceLevelPercent) * 10) / 1000,
    stickyWindowSec: num(values.stickyWindowSec),
    overflow: values.overflow.map(
      (row): OverflowRule =>
        row.kind === 'add_queue'
          ? { afterSec: num(row.afterSec), kind: 'add_queue', queueId: row.queueId ?? '' }
          : { afterSec: num(row.afterSec), kind: 'relax_level', by: num(row.by, 1) },
    ),
    hoursId: values.hoursId,
    whenClosed,
  };
}

/** The server's limits (routing-admin.schemas.ts); the server stays the judge, this only answers sooner. */
export const QUEUE_LIMITS = {
  priority: [-100, 100],
  agingPerMinute: [0, 100],
  offerTimeoutSec: [5, 600],
  wrapUpLimitSec: [0, 3600],
  serviceLevelSec: [1, 3600],
  stickyWindowSec: [0, 30 * 86_400],
  overflowAfterSec: [1, 86_400],
} as const;

/** Problems by the server's field paths; empty when the form may be sent. */
export function validateQueueForm(values: QueueFormValues, ownId: string | null): Record<string, Issue> {
  const errors: Record<string, Issue> = {};
  if (!values.name.trim()) errors.name = issue('required');
  const seen = new Set<string>();
  values.requiredSkills.forEach((row, i) => {
    if (!row.skillId) errors[`requiredSkills.${i}.skillId`] = issue('required');
    else if (seen.has(row.skillId)) errors[`requiredSkills.${i}.skillId`] = issue('duplicateSkill');
    else seen.add(row.skillId);
    if (!isIntIn(row.minLevel, 1, 10)) errors[`requiredSkills.${i}.minLevel`] = range(1, 10);
  });
  for (const key of ['priority', 'offerTimeoutSec', 'wrapUpLimitSec', 'serviceLevelSec', 'stickyWindowSec'] as const) {
    const [min, max] = QUEUE_LIMITS[key];
    if (!isIntIn(values[key], min, max)) errors[key] = range(min, max);
  }
  const [agingMin, agingMax] = QUEUE_LIMITS.agingPerMinute;
  if (values.agingPerMinute === '' || values.agingPerMinute < agingMin || values.agingPerMinute > agingMax) errors.agingPerMinute = range(agingMin, agingMax);
  if (values.serviceLevelPercent === '' || values.serviceLevelPercent < 0 || values.serviceLevelPercent > 100) errors.serviceLevelTarget = range(0, 100);
  values.overflow.forEach((row, i) => {
    if (!isIntIn(row.afterSec, ...QUEUE_LIMITS.overflowAfterSec)) errors[`overflow.${i}.afterSec`] = range(...QUEUE_LIMITS.overflowAfterSec);
    if (row.kind === 'add_queue') {
      if (!row.queueId) errors[`overflow.${i}.queueId`] = issue('required');
      else if (row.queueId === ownId) errors[`overflow.${i}.queueId`] = issue('ownQueue');
    } else if (!isIntIn(row.by, 1, 9)) errors[`overflow.${i}.by`] = range(1, 9);
  });
  return errors;
}

function isIntIn(value: NumberValue, min: number, max: number): boolean {
  return value !== '' && Number.isInteger(value) && value >= min && value <= max;
}
