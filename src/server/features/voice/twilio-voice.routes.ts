import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { isSignedByTwilio } from '../../channels/telephony/twilio/twilio-signature.js';
import { AppError } from '../../platform/app-error.js';
import { acceptFormBodies, type FormFields } from '../../platform/form-body.js';
import type { CallLinks, TwilioTarget, TwilioVoiceService } from './twilio-voice.service.js';
import { callParams, gatherQuery, recordingQuery, statusQuery, twilioParams, type TwilioParams } from './twilio-voice.schemas.js';

const PREFIX = '/api/v1/telephony/twilio';
const callUrl = (base: string, callId: string) => `${base}${PREFIX}/calls/${callId}`;

/**
 * The URLs a click-to-call gives Twilio's REST API: what Twilio fetches when the agent picks up, and
 * the status webhook (naming the call, whose CallSid Twilio has not told us yet).
 */
export function outboundCallUrls(base: string, callId: string): { url: string; statusCallback: string } {
  const root = base.replace(/\/+$/, '');
  return { url: `${callUrl(root, callId)}/outbound`, statusCallback: `${root}${PREFIX}/status?call=${callId}` };
}
const TWILIO_BODY_LIMIT = 64 * 1024;
/** Per client address: far above what Twilio sends for a busy center, low enough to blunt a flood. */
const WEBHOOKS_PER_MINUTE = 20_000;

export interface TwilioRoutesOptions {
  voice: TwilioVoiceService;
  /** The public base URL Twilio was given (MADOGUCHI_PUBLIC_URL); else the request's own origin. */
  publicUrl: string | null;
}

/**
 * Twilio Programmable Voice webhooks. Every request must carry a valid X-Twilio-Signature for the
 * tenant's auth token (403 otherwise, before anything is read or stored); the answer is TwiML.
 * Configure the number's Voice URL as POST {base}/api/v1/telephony/twilio/voice and its status
 * callback as POST {base}/api/v1/telephony/twilio/status; the other URLs are given per call (and a
 * click-to-call gives Twilio's REST API its `…/calls/{id}/outbound` and `…/status?call={id}`).
 */
export async function twilioVoiceRoutes(app: FastifyInstance, opts: TwilioRoutesOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { voice } = opts;
  acceptFormBodies(app, TWILIO_BODY_LIMIT);
  const config = { access: 'public' as const, rateLimit: { max: WEBHOOKS_PER_MINUTE, timeWindow: '1 minute' } };
  const schema = { hide: true, tags: ['telephony'] };

  const baseOf = (request: FastifyRequest) => (opts.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/$/, '');
  const linksFor = (base: string, callId: string): CallLinks => {
    const call = callUrl(base, callId);
    return {
      gather: (nodeId, step) => `${call}/gather?step=${step}&node=${encodeURIComponent(nodeId)}`,
      queueWait: () => `${call}/wait`,
      queueName: (queueId) => `madoguchi_${queueId}`,
      recording: (queueId) => `${call}/recording?kind=voicemail&queue=${queueId}`,
      afterQueue: () => `${call}/after-queue`,
      dialDone: () => `${call}/dial-done`,
      agentRecording: () => `${call}/recording?kind=call`,
    };
  };

  /** The signature first: a request Twilio did not sign learns nothing and changes nothing. */
  function checked(request: FastifyRequest, target: TwilioTarget | null): { target: TwilioTarget; params: TwilioParams } {
    const fields = stringFields(request.body);
    const signature = request.headers['x-twilio-signature'];
    if (!target || !isSignedByTwilio(target.authToken, typeof signature === 'string' ? signature : undefined, `${baseOf(request)}${request.url}`, fields)) {
      throw new AppError('forbidden', 'The request does not carry a valid X-Twilio-Signature');
    }
    return { target, params: twilioParams.parse(fields) };
  }
  const sendTwiml = (reply: FastifyReply, twiml: string) => reply.type('text/xml; charset=utf-8').send(twiml);

  r.post(`${PREFIX}/voice`, { schema, config }, async (request, reply) => {
    const to = stringFields(request.body).To ?? '';
    const { target, params } = checked(request, await voice.targetOfNumber(to));
    return sendTwiml(reply, await voice.incoming(target, params, (callId) => linksFor(baseOf(request), callId)));
  });
  r.post(`${PREFIX}/status`, { schema: { ...schema, querystring: statusQuery }, config }, async (request, reply) => {
    // Inbound calls: the tenant of the dialled number; a click-to-call: the call named in the URL.
    const to = stringFields(request.body).To ?? '';
    const { target, params } = checked(request, request.query.call ? await voice.targetOfCall(request.query.call) : await voice.targetOfNumber(to));
    await voice.status(target, params);
    return reply.status(204).send();
  });

  r.post(`${PREFIX}/calls/:callId/gather`, { schema: { ...schema, params: callParams, querystring: gatherQuery }, config }, async (request, reply) => {
    const { target, params } = checked(request, await voice.targetOfCall(request.params.callId));
    return sendTwiml(reply, await voice.gathered(target, request.query.step, params, linksFor(baseOf(request), request.params.callId)));
  });
  r.post(`${PREFIX}/calls/:callId/wait`, { schema: { ...schema, params: callParams }, config }, async (request, reply) => {
    const { target, params } = checked(request, await voice.targetOfCall(request.params.callId));
    return sendTwiml(reply, await voice.queueWait(target, params));
  });
  r.post(`${PREFIX}/calls/:callId/after-queue`, { schema: { ...schema, params: callParams }, config }, async (request, reply) => {
    const { target, params } = checked(request, await voice.targetOfCall(request.params.callId));
    return sendTwiml(reply, await voice.afterQueue(target, params, linksFor(baseOf(request), request.params.callId)));
  });
  r.post(`${PREFIX}/calls/:callId/outbound`, { schema: { ...schema, params: callParams }, config }, async (request, reply) => {
    const { target, params } = checked(request, await voice.targetOfCall(request.params.callId));
    return sendTwiml(reply, await voice.outbound(target, params, linksFor(baseOf(request), request.params.callId)));
  });
  r.post(`${PREFIX}/calls/:callId/dial-done`, { schema: { ...schema, params: callParams }, config }, async (request, reply) => {
    const { target, params } = checked(request, await voice.targetOfCall(request.params.callId));
    return sendTwiml(reply, await voice.dialDone(target, params, linksFor(baseOf(request), request.params.callId)));
  });
  r.post(`${PREFIX}/calls/:callId/recording`, { schema: { ...schema, params: callParams, querystring: recordingQuery }, config }, async (request, reply) => {
    const { target, params } = checked(request, await voice.targetOfCall(request.params.callId));
    return sendTwiml(reply, await voice.recorded(target, request.query.kind, request.query.queue ?? null, params));
  });
}

/** Twilio sends each parameter once; anything else (a list, no body) is not a Twilio request. */
function stringFields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as FormFields)) if (typeof v === 'string') out[k] = v;
  return out;
}
