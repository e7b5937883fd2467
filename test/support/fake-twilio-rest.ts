import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchTransport, TwilioPhone, type PhoneState, type WebhookTransport } from '../../src/cli/simulate/twilio-phone.js';

/**
 * Twilio's REST API for the tests, on a real loopback HTTP server: exactly the public contract of
 * `POST /2010-04-01/Accounts/{AccountSid}/Calls.json` (https://www.twilio.com/docs/voice/api/call-resource):
 * HTTP Basic auth with the account SID and auth token, a form-encoded body, 201 with the call
 * resource, errors in Twilio's JSON shape (https://www.twilio.com/docs/api/errors). Then it places the
 * call as Twilio does: the party in `To` answers (or not) and Twilio requests `Url`, signed, following
 * the TwiML with `TwilioPhone`; the status callback goes to `StatusCallback`. Every request is kept.
 */

const API_VERSION = '2010-04-01';
const CALLS_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\.json$/;

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  /** The form fields; a repeated one (StatusCallbackEvent) as a list. */
  form: Record<string, string | string[]>;
}

export interface PlacedCall {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  /** The call as it goes on: its webhooks, its TwiML (the test drives it further: agentLeg, hangUp …). */
  phone: TwilioPhone;
  /** Settles once Twilio answered what the called party did: the phone's state after the Url's TwiML, or 'not-answered'. */
  placed: Promise<PhoneState | 'not-answered'>;
}

/** What the party Twilio rings first does: picks up (Twilio fetches Url), or not (the status callback says so). */
export type CalledParty = 'answer' | 'no-answer' | 'busy';

export interface FakeTwilioRestOptions {
  /** Account SID → auth token. */
  accounts: Record<string, string>;
  /** How Twilio reaches the app's webhooks (default: over HTTP). */
  transport?: WebhookTransport;
}

interface TwilioError { code: number; message: string; more_info: string; status: number }
const twilioError = (status: number, code: number, message: string): TwilioError => ({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

const sid = (prefix: string) => prefix + randomBytes(16).toString('hex');

function formOf(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const seen = out[k];
    out[k] = seen === undefined ? v : Array.isArray(seen) ? [...seen, v] : [seen, v];
  }
  return out;
}
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export class FakeTwilioRest {
  readonly requests: RecordedRequest[] = [];
  readonly calls: PlacedCall[] = [];
  /** What the party rung by the next calls does (default: answers). */
  calledParty: CalledParty = 'answer';
  private readonly transport: WebhookTransport;

  private constructor(private readonly server: Server, readonly url: string, private readonly o: FakeTwilioRestOptions) {
    this.transport = o.transport ?? fetchTransport;
  }

  static async start(o: FakeTwilioRestOptions): Promise<FakeTwilioRest> {
    let fake: FakeTwilioRest | null = null;
    const server = createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeTwilioRest(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, o);
    return fake;
  }

  /** The REST requests made to create calls. */
  callRequests(): RecordedRequest[] {
    return this.requests.filter((r) => CALLS_PATH.test(r.path));
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.calls.map((c) => c.placed));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '').split('?')[0]!;
    const recorded: RecordedRequest = { method: req.method ?? '', path, authorization: req.headers.authorization, contentType: req.headers['content-type'], form: formOf(body) };
    this.requests.push(recorded);

    const match = CALLS_PATH.exec(path);
    if (!match || req.method !== 'POST') return this.json(res, 404, twilioError(404, 20404, `The requested resource ${path} was not found`));
    const accountSid = decodeURIComponent(match[1]!);
    if (!this.authenticated(req.headers.authorization, accountSid)) {
      res.setHeader('WWW-Authenticate', 'Basic realm="Twilio API"');
      return this.json(res, 401, twilioError(401, 20003, 'Authenticate'));
    }
    const f = recorded.form;
    if (!one(f.To)) return this.json(res, 400, twilioError(400, 21201, "No 'To' number is specified"));
    if (!one(f.From)) return this.json(res, 400, twilioError(400, 21213, "No 'From' number is specified"));
    if (!one(f.Url) && !one(f.Twiml) && !one(f.ApplicationSid)) return this.json(res, 400, twilioError(400, 21205, 'Url parameter is required.'));

    const callSid = sid('CA');
    const to = one(f.To);
    const from = one(f.From);
    const uri = `/${API_VERSION}/Accounts/${accountSid}/Calls/${callSid}`;
    const now = new Date().toUTCString().replace('GMT', '+0000');
    this.json(res, 201, {
      account_sid: accountSid, annotation: null, answered_by: null, api_version: API_VERSION, caller_name: null,
      date_created: now, date_updated: now, direction: 'outbound-api', duration: null, end_time: null, forwarded_from: null,
      from, from_formatted: from, group_sid: null, parent_call_sid: null, phone_number_sid: null, price: null, price_unit: 'USD',
      queue_time: '0', sid: callSid, start_time: null, status: 'queued',
      subresource_uris: Object.fromEntries(
        ['notifications:Notifications', 'recordings:Recordings', 'payments:Payments', 'events:Events', 'siprec:Siprec', 'streams:Streams', 'transcriptions:Transcriptions',
          'user_defined_message_subscriptions:UserDefinedMessageSubscriptions', 'user_defined_messages:UserDefinedMessages']
          .map((e) => e.split(':') as [string, string]).map(([k, name]) => [k, `${uri}/${name}.json`]),
      ),
      to, to_formatted: to, trunk_sid: null, uri: `${uri}.json`,
    });
    this.place({ accountSid, callSid, to, from, url: one(f.Url), statusCallback: one(f.StatusCallback) || null });
  }

  /** After answering: the party in `To` picks up and Twilio fetches `Url`, or the call ends unanswered. */
  private place(c: { accountSid: string; callSid: string; to: string; from: string; url: string; statusCallback: string | null }) {
    const phone = new TwilioPhone({
      transport: this.transport, baseUrl: new URL(c.url).origin, accountSid: c.accountSid, authToken: this.o.accounts[c.accountSid]!,
      from: c.from, to: c.to, callSid: c.callSid, direction: 'outbound-api', ...(c.statusCallback ? { statusCallbackUrl: c.statusCallback } : {}),
    });
    const party = this.calledParty;
    const placed = (async (): Promise<PhoneState | 'not-answered'> => {
      // Twilio answers the REST request before the call goes on: let the response leave first.
      await new Promise((resolve) => setImmediate(resolve));
      if (party === 'answer') return phone.answered(c.url);
      if (c.statusCallback) await phone.statusCallback(party);
      return 'not-answered';
    })();
    placed.catch(() => undefined); // the test awaits it and sees the failure there
    this.calls.push({ sid: c.callSid, accountSid: c.accountSid, to: c.to, from: c.from, phone, placed });
  }

  private authenticated(header: string | undefined, accountSid: string): boolean {
    const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
    if (!m) return false;
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = decoded.slice(0, colon);
    const token = decoded.slice(colon + 1);
    return colon > 0 && user === accountSid && this.o.accounts[accountSid] === token;
  }

  private json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }
}
