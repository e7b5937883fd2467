/**
 * One POST to an endpoint a tenant configured (their PBX, their payment processor), with the
 * Authorization value they gave. A redirect is an answer, never followed: the Authorization header
 * stays with the configured host. The answer's body is dropped.
 */
export type OutboundAnswer = { status: number } | { status: null; timedOut: boolean };

export async function postOutbound(url: string, opts: { authorization: string | null; json?: unknown; timeoutMs: number }): Promise<OutboundAnswer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        ...(opts.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.authorization ? { authorization: opts.authorization } : {}),
      },
      ...(opts.json !== undefined ? { body: JSON.stringify(opts.json) } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (err) {
    return { status: null, timedOut: err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError') };
  }
  await res.body?.cancel().catch(() => undefined);
  return { status: res.status };
}

export const isSuccess = (a: OutboundAnswer): boolean => a.status !== null && a.status >= 200 && a.status <= 299;
