import type { FastifyInstance } from 'fastify';
import type { WebhookTransport } from '../../src/cli/simulate/twilio-phone.js';

/** Twilio's webhook requests into the app in-process: same URL, host and body as over the wire. */
export function injectTransport(app: FastifyInstance): WebhookTransport {
  return {
    async post(url, form, headers) {
      const u = new URL(url);
      const res = await app.inject({
        method: 'POST', url: `${u.pathname}${u.search}`, payload: new URLSearchParams(form).toString(),
        headers: { host: u.host, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
      return { status: res.statusCode, body: res.body };
    },
  };
}
