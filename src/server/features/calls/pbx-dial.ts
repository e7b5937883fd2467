import { isSuccess, postOutbound } from '../../platform/outbound-post.js';

/**
 * Click-to-call through a PBX: one POST to the filled URL template (e.g. Asterisk ARI's originate),
 * with the tenant's Authorization header. The PBX then reports the call through the CTI webhook as
 * any other call (docs/cti.md). Nothing else is sent: the template carries the extension and number.
 */

/** A PBX answers an originate at once; an agent waiting on the button should not wait longer than this. */
export const PBX_DIAL_TIMEOUT_MS = 5_000;

/** `refused`: the PBX answered, not with 2xx (its status kept); `unreachable`: no answer (refused connection, timeout, DNS). */
export class PbxDialError extends Error {
  constructor(readonly kind: 'refused' | 'unreachable', readonly status: number | null, message: string) {
    super(message);
  }
}

export interface PbxDialer {
  dial(url: string, authorization: string | null): Promise<void>;
}

export function createPbxDialer(opts: { timeoutMs?: number } = {}): PbxDialer {
  const timeoutMs = opts.timeoutMs ?? PBX_DIAL_TIMEOUT_MS;
  return {
    async dial(url, authorization) {
      const answer = await postOutbound(url, { authorization, timeoutMs });
      if (answer.status === null) {
        throw new PbxDialError('unreachable', null, answer.timedOut ? `The PBX did not answer within ${timeoutMs / 1000} s` : 'The PBX could not be reached');
      }
      if (!isSuccess(answer)) throw new PbxDialError('refused', answer.status, `The PBX answered HTTP ${answer.status}`);
    },
  };
}
