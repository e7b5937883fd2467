import type { Problem, ProblemFieldError } from './types.js';

/**
 * The console's only door to the server: same-origin fetch with the session cookie,
 * `X-Tenant` on tenant-scoped calls, `X-CSRF-Token` on every unsafe method, and
 * `application/problem+json` errors turned into {@link ApiError}.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue | readonly QueryValue[]>;

export interface RequestOptions {
  method?: HttpMethod;
  query?: QueryParams;
  body?: unknown;
  /** Slug of the tenant the call is scoped to; sent as `X-Tenant`. */
  tenant?: string;
  signal?: AbortSignal;
  /** A 401 is an expected answer (login, session probe): do not treat it as an expired session. */
  expectUnauthorized?: boolean;
}

/** Client-side code for a request that never reached the server. */
export const NETWORK_ERROR = 'network_error';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  /** The rule behind a refusal (`problem.reason`, e.g. routing's `agent_has_contacts`), null when the server gave none. */
  readonly reason: string | null;
  /** Field errors keyed by dotted path (`phones.0.value`). */
  readonly fieldErrors: Readonly<Record<string, string>>;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.reason = typeof problem.reason === 'string' && problem.reason ? problem.reason : null;
    const fieldErrors: Record<string, string> = {};
    for (const error of problem.errors ?? []) {
      const path = normalizeFieldPath(error.path);
      fieldErrors[path] ??= error.message;
    }
    this.fieldErrors = fieldErrors;
  }

  /** The message for a field, also matching errors reported on its children (`phones` ← `phones.0.value`). */
  fieldError(path: string): string | undefined {
    const exact = this.fieldErrors[path];
    if (exact !== undefined) return exact;
    const prefix = `${path}.`;
    for (const [key, message] of Object.entries(this.fieldErrors)) {
      if (key.startsWith(prefix)) return message;
    }
    return undefined;
  }
}

/** `['phones', 0, 'value']`, `phones[0].value`, `body.phones.0.value`, `/phones/0/value` → `phones.0.value`. */
export function normalizeFieldPath(path: ProblemFieldError['path']): string {
  const raw = Array.isArray(path) ? path.join('.') : String(path);
  return raw
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\//g, '.')
    .replace(/^\.+/, '')
    .replace(/^(body|query|querystring|params)\./, '');
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && ('detail' in value || 'title' in value);
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code: `http_${response.status}`,
    detail: '',
  };
  try {
    const body: unknown = await response.json();
    if (isProblem(body)) {
      return {
        ...fallback,
        ...body,
        status: response.status,
        code: body.code || fallback.code,
        detail: body.detail || body.title || '',
      };
    }
  } catch {
    // Not JSON (a proxy's HTML error page): fall back to the status line.
  }
  return fallback;
}

export function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values as readonly QueryValue[]) {
      if (item === undefined || item === null || item === '') continue;
      params.append(key, String(item));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

// The session's CSRF token and the "session expired" reaction are process-wide: there is one
// signed-in user per browser tab, and the session feature keeps them up to date.
let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server answers 401 to a call that expected a session. Returns an unsubscribe. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.tenant) headers['X-Tenant'] = options.tenant;
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.body instanceof FormData) {
    // A file upload: the browser writes the multipart boundary into Content-Type itself.
    init.body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: NETWORK_ERROR, detail: '' });
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const error = new ApiError(await readProblem(response));
  if (response.status === 401 && !options.expectUnauthorized) {
    for (const listener of unauthorizedListeners) listener();
  }
  throw error;
}

/** Calls scoped to one tenant: every request carries its `X-Tenant`. */
export interface TenantApi {
  readonly tenant: string;
  get<T>(path: string, query?: QueryParams, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  delete<T = void>(path: string): Promise<T>;
}

export function createTenantApi(tenant: string): TenantApi {
  return {
    tenant,
    get: (path, query, signal) => apiRequest(path, { tenant, ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
    post: (path, body) => apiRequest(path, { method: 'POST', tenant, body }),
    patch: (path, body) => apiRequest(path, { method: 'PATCH', tenant, body }),
    put: (path, body) => apiRequest(path, { method: 'PUT', tenant, body }),
    delete: (path) => apiRequest(path, { method: 'DELETE', tenant }),
  };
}
