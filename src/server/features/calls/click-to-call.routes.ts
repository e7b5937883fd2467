import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, problemSchema } from '../../platform/http.schemas.js';
import { dialBody, dialResultDto, gatewayProblemSchema, type GatewayProblem } from './click-to-call.schemas.js';
import { DialGatewayError, type ClickToCallService } from './click-to-call.service.js';

/** The PBX's or Twilio's refusal as problem+json, with what it answered (`upstream`). */
function sendGatewayProblem(reply: FastifyReply, err: DialGatewayError) {
  const body: GatewayProblem = {
    type: 'https://madoguchi.dev/problems/bad_gateway', title: 'Bad Gateway', status: 502, code: 'bad_gateway',
    reason: err.reason, detail: err.message, upstream: err.upstream,
  };
  return reply.status(502).type('application/problem+json; charset=utf-8').send(body);
}

/**
 * Click-to-call (発信) for agents (`routing:work`, like the rest of the agent desktop): the signed-in
 * agent's extension or phone rings first, then the customer. See docs/cti.md and docs/twilio-voice.md.
 */
export async function clickToCallRoutes(app: FastifyInstance, opts: { clickToCall: ClickToCallService; publicUrl: string | null }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Where Twilio calls back: the configured public URL, else the address the agent's browser used.
  const baseUrl = (request: FastifyRequest) => opts.publicUrl ?? `${request.protocol}://${request.host}`;

  r.post('/api/v1/calls/dial', {
    schema: {
      tags: ['telephony'],
      summary: 'Click-to-call: ring the signed-in agent, then the number (through the PBX when the tenant set its dial URL and the agent has an extension, else Twilio)',
      description: '409 `click_to_call_not_configured` or `agent_unreachable`; 422 `number_blocked`; 502 `pbx_refused`, `pbx_unreachable`, `twilio_refused`, `twilio_unreachable` (with `upstream`).',
      body: dialBody,
      response: { 202: dialResultDto, ...errorResponses, 422: problemSchema, 502: gatewayProblemSchema },
    },
    config: { access: 'routing:work' },
  }, async (request, reply) => {
    try {
      const result = await opts.clickToCall.dial(ctxOf(request), request.body, baseUrl(request));
      request.log.info({ via: result.via, callId: result.callId }, 'click-to-call placed');
      return reply.status(202).send(result);
    } catch (err) {
      if (!(err instanceof DialGatewayError)) throw err;
      // Ids and codes only: the number and the PBX URL (which holds it) stay out of the log.
      request.log.warn({ reason: err.reason, upstreamStatus: err.upstream.status, upstreamCode: err.upstream.code }, 'click-to-call not placed');
      return sendGatewayProblem(reply, err);
    }
  });
}
