import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

/**
 * Twilio's REST API, through Twilio's own library: placing a call (click-to-call). The library talks
 * to https://api.twilio.com; with MADOGUCHI_TWILIO_API_URL its requests go to that base instead (a
 * proxy, or a test double that speaks Twilio's contract).
 */

const TWILIO_API = 'https://api.twilio.com';
/** A create call answers in well under a second; an agent waiting on the button should not wait longer than this. */
const REQUEST_TIMEOUT_MS = 10_000;

/** The twilio library's HTTP client, with https://api.twilio.com rewritten to another base URL. */
export class RebasedRequestClient extends twilio.RequestClient {
  private readonly base: string;
  constructor(base: string, opts: RequestClient.RequestClientOptions = {}) {
    super(opts);
    this.base = base.replace(/\/+$/, '');
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = opts.uri.startsWith(`${TWILIO_API}/`) ? `${this.base}${opts.uri.slice(TWILIO_API.length)}` : opts.uri;
    return super.request({ ...opts, uri });
  }
}

/** What click-to-call asks Twilio: ring `to`, and when it answers, fetch `url` for the TwiML. */
export interface OutboundCallRequest {
  /** A number (E.164) or a Voice SDK client (`client:agent_…`). */
  to: string;
  /** The caller id (one of the account's numbers, E.164). */
  from: string;
  url: string;
  statusCallback: string;
  /** Seconds `to` rings before Twilio gives up (no-answer). */
  timeoutSec: number;
}

/**
 * Twilio's answer translated into neutral terms: `auth` (credentials refused), `invalid` (Twilio
 * refused the request), `temporary` (rate limit, Twilio's 5xx), `unreachable` (no answer at all).
 * `code` and `twilioMessage` are Twilio's (https://www.twilio.com/docs/api/errors).
 */
export class TwilioRestError extends Error {
  constructor(
    readonly kind: 'auth' | 'invalid' | 'temporary' | 'unreachable',
    readonly status: number | null,
    readonly code: number | null,
    readonly twilioMessage: string,
  ) {
    super(code === null ? `Twilio: ${twilioMessage}` : `Twilio ${code}: ${twilioMessage}`);
  }
}

function translated(err: unknown): TwilioRestError {
  if (err instanceof twilio.RestException) {
    const kind = err.status === 401 || err.status === 403 ? 'auth' : err.status === 429 || err.status >= 500 ? 'temporary' : 'invalid';
    return new TwilioRestError(kind, err.status, typeof err.code === 'number' ? err.code : null, err.message);
  }
  // axios (under the library): refused, reset, timed out, DNS
  const code = (err as { code?: unknown }).code;
  return new TwilioRestError('unreachable', null, null, typeof code === 'string' ? code : (err as Error).message ?? 'no answer');
}

export interface TwilioCalls {
  /** Places the call; resolves with Twilio's CallSid, or rejects with a TwilioRestError. */
  create(account: { accountSid: string; authToken: string }, call: OutboundCallRequest): Promise<{ sid: string }>;
}

/** One HTTP client for the process (keep-alive); each tenant's credentials go with each request. */
export function createTwilioCalls(opts: { apiBaseUrl: string | null }): TwilioCalls {
  const clientOpts = { timeout: REQUEST_TIMEOUT_MS, keepAlive: true };
  const httpClient = opts.apiBaseUrl ? new RebasedRequestClient(opts.apiBaseUrl, clientOpts) : new twilio.RequestClient(clientOpts);
  return {
    async create(account, call) {
      // env: {} — the library must not pick credentials, region or edge from the process environment.
      const client = twilio(account.accountSid, account.authToken, { httpClient, env: {} });
      try {
        const created = await client.calls.create({
          to: call.to, from: call.from, url: call.url, method: 'POST', timeout: call.timeoutSec,
          statusCallback: call.statusCallback, statusCallbackMethod: 'POST', statusCallbackEvent: ['completed'],
        });
        return { sid: created.sid };
      } catch (err) {
        throw translated(err);
      }
    },
  };
}
