import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NETWORK_ERROR, apiRequest, buildUrl, createTenantApi, normalizeFieldPath, onUnauthorized, setCsrfToken } from './client.js';

type FetchArgs = [string, RequestInit];

function respond(status: number, body?: unknown, contentType = 'application/json') {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

describe('apiRequest', () => {
  let calls: FetchArgs[];
  let next: () => Response | Promise<Response>;

  beforeEach(() => {
    calls = [];
    next = () => respond(200, { ok: true });
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      calls.push([url, init]);
      return Promise.resolve(next());
    });
    setCsrfToken('csrf-1');
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  const headersOf = (index = 0) => (calls[index]?.[1].headers ?? {}) as Record<string, string>;

  it('sends the cookie, the tenant, and no CSRF token on GET', async () => {
    const sut = createTenantApi('acme');
    await sut.get('/api/v1/customers', { q: '山田', page: 2 });
    expect(calls[0]?.[0]).toBe('/api/v1/customers?q=%E5%B1%B1%E7%94%B0&page=2');
    expect(calls[0]?.[1].credentials).toBe('same-origin');
    expect(headersOf()['X-Tenant']).toBe('acme');
    expect(headersOf()['X-CSRF-Token']).toBeUndefined();
  });

  it('sends the CSRF token and a JSON body on every unsafe method', async () => {
    const sut = createTenantApi('acme');
    await sut.post('/api/v1/cases', { title: 'x' });
    await sut.patch('/api/v1/cases/1', { status: 'open' });
    next = () => new Response(null, { status: 204 });
    await expect(sut.delete('/api/v1/contact-points/1')).resolves.toBeUndefined();
    for (const index of [0, 1, 2]) expect(headersOf(index)['X-CSRF-Token']).toBe('csrf-1');
    expect(calls[0]?.[1].body).toBe('{"title":"x"}');
    expect(headersOf(0)['Content-Type']).toBe('application/json');
  });

  it('turns a problem document into an ApiError with field errors', async () => {
    next = () =>
      respond(
        400,
        {
          type: 'https://madoguchi.dev/problems/validation_failed',
          title: 'Bad Request',
          status: 400,
          code: 'validation_failed',
          detail: '電話番号の形式が正しくありません',
          errors: [{ path: 'body.phones.0.value', message: '電話番号の形式が正しくありません' }],
        },
        'application/problem+json',
      );
    const error = await apiRequest('/api/v1/customers', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const sut = error as ApiError;
    expect(sut.code).toBe('validation_failed');
    expect(sut.detail).toBe('電話番号の形式が正しくありません');
    expect(sut.fieldError('phones.0.value')).toBe('電話番号の形式が正しくありません');
    expect(sut.fieldError('phones.0')).toBe('電話番号の形式が正しくありません');
    expect(sut.fieldError('emails')).toBeUndefined();
    expect(sut.reason).toBeNull();
  });

  it('keeps the reason of a refusal (routing rules)', async () => {
    next = () =>
      respond(409, { type: 'x', title: 'Conflict', status: 409, code: 'conflict', reason: 'offer_not_found', detail: 'no pending offer' }, 'application/problem+json');
    const sut = (await apiRequest('/api/v1/agent/offers/c1/accept', { method: 'POST' }).catch((e: unknown) => e)) as ApiError;
    expect(sut.code).toBe('conflict');
    expect(sut.reason).toBe('offer_not_found');
  });

  it('survives an error page that is not JSON', async () => {
    next = () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    const sut = (await apiRequest('/api/v1/me').catch((e: unknown) => e)) as ApiError;
    expect(sut.status).toBe(502);
    expect(sut.code).toBe('http_502');
  });

  it('reports an unreachable server as a network error', async () => {
    next = () => {
      throw new TypeError('fetch failed');
    };
    const sut = (await apiRequest('/api/v1/me').catch((e: unknown) => e)) as ApiError;
    expect(sut.code).toBe(NETWORK_ERROR);
  });

  it('tells listeners about a 401, except where a 401 is an expected answer', async () => {
    const listener = vi.fn();
    const unsubscribe = onUnauthorized(listener);
    next = () => respond(401, { type: 'x', title: 'Unauthorized', status: 401, code: 'unauthenticated', detail: 'sign in' });
    await apiRequest('/api/v1/customers').catch(() => undefined);
    expect(listener).toHaveBeenCalledTimes(1);
    await apiRequest('/api/v1/auth/login', { method: 'POST', expectUnauthorized: true }).catch(() => undefined);
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
  });
});

describe('buildUrl', () => {
  it('repeats array parameters and drops empty ones', () => {
    expect(buildUrl('/api/v1/cases', { status: ['open', 'pending'], q: '', owner: undefined, overdue: 'true' })).toBe(
      '/api/v1/cases?status=open&status=pending&overdue=true',
    );
  });
});

describe('normalizeFieldPath', () => {
  it('accepts the path spellings servers use', () => {
    expect(normalizeFieldPath(['phones', 0, 'value'])).toBe('phones.0.value');
    expect(normalizeFieldPath('phones[0].value')).toBe('phones.0.value');
    expect(normalizeFieldPath('/phones/0/value')).toBe('phones.0.value');
    expect(normalizeFieldPath('body.name')).toBe('name');
  });
});
