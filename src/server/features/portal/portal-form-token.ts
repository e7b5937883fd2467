import { createHmac } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import { constantTimeEquals } from '../../platform/secrets.js';

export type TokenCheck = 'ok' | 'invalid' | 'expired';

/** A page left open over lunch may still be sent; a token older than this asks to send again. */
export const FORM_TOKEN_MAX_AGE_MS = 2 * 3_600_000;
const CLOCK_SKEW_MS = 60_000;

/**
 * Signed, time-stamped tokens for the portal's plain HTML forms (no session to bind a CSRF token to):
 * HMAC-SHA256 over the form's scope (tenant, form, article) and the issue time. A bot must fetch a
 * fresh page to post, a token cannot be moved to another tenant's or article's form, and it expires.
 */
export function createFormTokens(deps: { secret: string; clock: Clock; maxAgeMs?: number }) {
  const maxAge = deps.maxAgeMs ?? FORM_TOKEN_MAX_AGE_MS;
  const sign = (scope: string, issuedAt: string) => createHmac('sha256', deps.secret).update(`portal-form\n${scope}\n${issuedAt}`).digest('base64url');
  return {
    issue(scope: string): string {
      const issuedAt = deps.clock.now().getTime().toString(36);
      return `${issuedAt}.${sign(scope, issuedAt)}`;
    },
    verify(scope: string, token: string | undefined): TokenCheck {
      const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
      if (!m || !constantTimeEquals(m[2]!, sign(scope, m[1]!))) return 'invalid';
      const age = deps.clock.now().getTime() - Number.parseInt(m[1]!, 36);
      if (age < -CLOCK_SKEW_MS) return 'invalid';
      return age > maxAge ? 'expired' : 'ok';
    },
  };
}
export type FormTokens = ReturnType<typeof createFormTokens>;
