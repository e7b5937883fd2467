/**
 * A small HTTP client for the Madoguchi API as a browser or an integration uses it: a cookie jar
 * (session + CSRF secret), the `X-CSRF-Token` on writes, `Authorization: Bearer` for tokens and
 * `X-Tenant`. Errors come back as `ApiError` with the problem's status and code.
 */

export interface Problem {
  status: number;
  code?: string;
  title?: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Network failure, timeout or 5xx: worth retrying. 4xx: refused, nothing changed. */
    readonly transient: boolean,
    readonly retryAfterSec: number | null = null,
  ) {
    super(message);
  }
  static of(p: Problem) {
    return new ApiError(p.status, p.code ?? `http_${p.status}`, p.detail ?? p.title ?? `HTTP ${p.status}`, p.status >= 500 || p.status === 0);
  }
}

export interface SessionBody {
  user: { id: string; email: string; displayName: string };
  memberships: { tenantId: string; tenantSlug: string; role: string }[];
  csrfToken: string;
}

export interface ApiClientOptions {
  bearer?: string;
  tenant?: string;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
  userAgent?: string;
}

export class ApiClient {
  private readonly cookies = new Map<string, string>();
  csrfToken: string | null = null;
  readonly baseUrl: string;
  /** Per-request timeout (ms). */
  readonly timeoutMs: number;

  constructor(baseUrl: string, private readonly opts: ApiClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 15_000;
  }

  /** `name=value; …` of the jar, for the WebSocket handshake. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, extra: { tenant?: string } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.opts.userAgent ?? 'madoguchi-simulator' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const tenant = extra.tenant ?? this.opts.tenant;
    if (tenant) headers['x-tenant'] = tenant;
    if (this.opts.bearer) headers.authorization = `Bearer ${this.opts.bearer}`;
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const why = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      throw new ApiError(0, 'network', `${method} ${path}: ${why}`, true);
    }
    for (const c of res.headers.getSetCookie()) this.storeCookie(c);
    const text = await res.text();
    let json: unknown = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (!res.ok) {
      const p = (json && typeof json === 'object' ? json : {}) as Partial<Problem>;
      const retryAfter = Number(res.headers.get('retry-after'));
      throw new ApiError(res.status, p.code ?? `http_${res.status}`, `${method} ${path}: ${res.status} ${p.detail ?? p.title ?? text.slice(0, 200)}`, res.status >= 500, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
    }
    return json as T;
  }

  get = <T>(path: string, extra?: { tenant?: string }) => this.request<T>('GET', path, undefined, extra);
  post = <T>(path: string, body?: unknown, extra?: { tenant?: string }) => this.request<T>('POST', path, body ?? {}, extra);
  put = <T>(path: string, body?: unknown, extra?: { tenant?: string }) => this.request<T>('PUT', path, body ?? {}, extra);

  /** Signs in; keeps the session cookie and the CSRF token. */
  async login(email: string, password: string): Promise<SessionBody> {
    const s = await this.request<SessionBody>('POST', '/api/v1/auth/login', { email, password });
    this.csrfToken = s.csrfToken;
    return s;
  }

  /** Uses a session minted elsewhere (same secret as the cookie) and fetches a CSRF token for it. */
  async adoptSession(cookieName: string, secret: string): Promise<SessionBody> {
    this.cookies.set(cookieName, secret);
    const s = await this.request<SessionBody>('GET', '/api/v1/me');
    this.csrfToken = s.csrfToken;
    return s;
  }

  private storeCookie(header: string) {
    const [pair, ...attrs] = header.split(';');
    const eq = pair!.indexOf('=');
    if (eq <= 0) return;
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    const expired = attrs.some((a) => {
      const [k, v] = a.split('=').map((x) => x.trim().toLowerCase());
      return (k === 'max-age' && Number(v) <= 0) || (k === 'expires' && v !== undefined && Date.parse(v) < Date.now());
    });
    if (!value || expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}
