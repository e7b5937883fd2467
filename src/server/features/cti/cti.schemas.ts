import { z } from 'zod';
import { CTI_CAUSES, type CtiEvent } from '../../../core/cti/cti-call-log.js';
import { AppError } from '../../platform/app-error.js';

/**
 * The CTI webhook's payload, as Zammad's generic CTI integration defines it (docs/cti.md): JSON,
 * or form fields (urlencoded or multipart) where `user[]` repeats once per user. PBXs send values
 * as they have them: numbers as JSON numbers, `user` as one string or a list, empty optional fields.
 * Fields this contract does not name are ignored.
 */

const NUL = '\u0000';
const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const value = (max: number) => z.union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, 'is required').max(max, `is longer than ${max} characters`).refine((s) => !s.includes(NUL), 'contains a NUL character (U+0000)'));
const optionalValue = (max: number) => z.preprocess(blankToUndefined, value(max).optional());
const direction = z.enum(['in', 'out'], { message: 'must be "in" or "out"' });
const users = z.array(value(100)).max(20, 'at most 20 users');
const callId = value(250);

export const ctiPayload = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('newCall'), callId, from: value(64), to: value(64), direction, users, queue: optionalValue(100),
  }),
  z.object({
    event: z.literal('answer'), callId, direction: z.preprocess(blankToUndefined, direction.optional()), answeringNumber: optionalValue(100), users,
  }),
  z.object({
    event: z.literal('hangup'), callId, direction: z.preprocess(blankToUndefined, direction.optional()), answeringNumber: optionalValue(100), users,
    cause: z.preprocess(blankToUndefined, z.enum(CTI_CAUSES, { message: `must be one of ${CTI_CAUSES.join(', ')}` }).optional()),
  }),
], { error: (issue) => (issue.code === 'invalid_union' ? 'must be newCall, answer or hangup' : undefined) });
export type CtiPayload = z.output<typeof ctiPayload>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);

/** `user[]` (form), `user` (one name or a list, JSON) or `users`: always a list, blanks dropped. */
function usersOf(body: Record<string, unknown>): unknown {
  const raw = body['user[]'] ?? body.user ?? body.users;
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((u) => !(typeof u === 'string' && u.trim() === ''));
}

/** The payload, or a 400 problem naming each bad field (nothing is stored for it). */
export function parseCtiPayload(body: unknown): CtiPayload {
  if (!isRecord(body)) throw new AppError('validation_failed', 'Send the event as a JSON object or as form fields', [{ path: '(body)', message: 'expected an object or form fields' }]);
  const r = ctiPayload.safeParse({ ...body, users: usersOf(body) });
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => ({ path: i.path.map((p) => (p === 'users' ? 'user[]' : String(p))).join('.') || '(body)', message: i.message }));
  throw new AppError('validation_failed', `Invalid CTI event: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors);
}

/** The core's event (src/core/cti): answer and hang-up may leave the direction out; the log keeps the call's. */
export function toCtiEvent(p: CtiPayload): CtiEvent {
  switch (p.event) {
    case 'newCall': return { event: 'newCall', callId: p.callId, from: p.from, to: p.to, direction: p.direction, users: p.users, queue: p.queue ?? null };
    case 'answer': return { event: 'answer', callId: p.callId, direction: p.direction ?? 'in', answeringNumber: p.answeringNumber ?? null, users: p.users };
    case 'hangup': return { event: 'hangup', callId: p.callId, direction: p.direction ?? 'in', cause: p.cause ?? null, answeringNumber: p.answeringNumber ?? null };
  }
}

export const ctiReply = z.union([z.object({}).strict(), z.object({ action: z.literal('reject'), reason: z.literal('busy') })]);
export type CtiReply = z.infer<typeof ctiReply>;
