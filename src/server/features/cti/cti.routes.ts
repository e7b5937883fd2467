import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/app-error.js';
import { acceptFormBodies, addFormField, type FormFields } from '../../platform/form-body.js';
import { problemSchema } from '../../platform/http.schemas.js';
import type { CtiService } from './cti.service.js';
import { ctiReply, parseCtiPayload } from './cti.schemas.js';

/** A PBX event is a few short fields. */
const BODY_LIMIT = 16 * 1024;
const FORM_LIMITS = { fields: 40, fieldSize: 1_000, files: 0, parts: 40 };
/** Events per minute per client address: a PBX sends about three per call. */
export const DEFAULT_CTI_RATE_LIMIT = 600;

/** multipart/form-data fields (what `curl --form` sends, as in Zammad's examples); a repeated name becomes a list. */
async function multipartFields(request: FastifyRequest): Promise<FormFields> {
  const fields: FormFields = {};
  try {
    for await (const part of request.parts({ limits: FORM_LIMITS })) {
      if (part.type === 'file') throw new AppError('validation_failed', 'A CTI event has no files', [{ path: part.fieldname, message: 'unexpected file' }]);
      addFormField(fields, part.fieldname, String(part.value));
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') throw new AppError('validation_failed', 'A CTI event has no files', [{ path: '(body)', message: 'unexpected file' }]);
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('validation_failed', 'Too many form fields', [{ path: '(body)', message: 'too many fields' }]);
    throw new AppError('validation_failed', `The multipart/form-data body cannot be read: ${(err as Error).message}`, [{ path: '(body)', message: 'malformed multipart/form-data' }]);
  }
  return fields;
}

/**
 * The generic CTI webhook (docs/cti.md): no session, no CSRF; the token in the path is the
 * authentication and names the tenant. JSON, urlencoded and multipart form bodies are accepted in
 * this plugin only.
 */
export async function ctiRoutes(app: FastifyInstance, opts: { cti: CtiService; rateLimitPerMinute?: number }) {
  acceptFormBodies(app, BODY_LIMIT);
  await app.register(multipart, { limits: FORM_LIMITS });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { cti } = opts;

  r.post('/api/v1/cti/:token', {
    bodyLimit: BODY_LIMIT,
    schema: {
      tags: ['telephony'],
      summary: 'PBX call events (newCall, answer, hangup), compatible with Zammad\'s generic CTI; replies {} or {"action":"reject","reason":"busy"}',
      description: 'Authenticated by the token in the path (rotate it in the telephony settings). Body: JSON, application/x-www-form-urlencoded or multipart/form-data with `event`, `callId`, `from`, `to`, `direction` (in|out), `user[]`, `queue`, `answeringNumber`, `cause`. See docs/cti.md.',
      consumes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
      security: [],
      params: z.object({ token: z.string() }),
      response: { 200: ctiReply, 400: problemSchema, 404: problemSchema, 415: problemSchema, 429: problemSchema },
    },
    config: { access: 'public', rateLimit: { max: opts.rateLimitPerMinute ?? DEFAULT_CTI_RATE_LIMIT, timeWindow: '1 minute' } },
  }, async (request) => {
    // The token first: a caller without one learns nothing about the payload rules.
    const owner = await cti.authenticate(request.params.token);
    const payload = parseCtiPayload(request.isMultipart() ? await multipartFields(request) : request.body);
    const outcome = await cti.handleEvent(owner, payload, { ip: request.ip ?? null });
    const log = { tenantId: owner.tenant.id, event: payload.event, effect: outcome.effect, callRowId: outcome.callId };
    // The PBX's call id is its own opaque key, logged so an operator can match the PBX's logs.
    if (outcome.effect === 'unknown_call') request.log.warn({ ...log, pbxCallId: payload.callId }, 'cti event for an unknown call: accepted, nothing stored');
    else request.log.info(log, 'cti event');
    return outcome.reply;
  });
}
