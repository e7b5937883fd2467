import { isRole } from '../../../core/auth/permissions.js';
import { AppError } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { Membership, Principal } from '../../platform/principal.js';
import { hashPassword, newSecret, sha256, verifyPassword } from '../../platform/secrets.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AuthRepository } from './auth.repository.js';

interface Deps {
  repo: AuthRepository;
  audit: AuditService;
  clock: Clock;
  ids: IdGenerator;
  sessionTtlHours: number;
}

// Re-extend a session at most this often, so a busy agent does not write on every request.
const TOUCH_EVERY_MS = 5 * 60_000;

export function createAuthService(deps: Deps) {
  const ttlMs = deps.sessionTtlHours * 3_600_000;
  // Unknown e-mails still pay for one argon2 verification: same answer, same time (no enumeration).
  let dummyHash: Promise<string> | null = null;
  const dummy = () => (dummyHash ??= hashPassword('madoguchi-timing-equalizer'));

  async function membershipsOf(userId: string): Promise<Membership[]> {
    const rows = await deps.repo.listMemberships(userId);
    return rows.flatMap((r) => (isRole(r.role) ? [{ ...r, role: r.role }] : []));
  }

  return {
    async login(input: { email: string; password: string; ip: string | null; userAgent: string | null }) {
      const email = input.email.normalize('NFKC').trim().toLowerCase();
      const user = await deps.repo.findUserByEmail(email);
      const ok = user && !user.disabled ? await verifyPassword(user.passwordHash, input.password) : (await verifyPassword(await dummy(), input.password), false);
      if (!user || !ok) {
        await deps.audit.recordGlobal({ action: 'auth.login_failed', entity: 'user', entityId: user?.id ?? null, actorUserId: null, ip: input.ip, userAgent: input.userAgent });
        throw new AppError('invalid_credentials', 'E-mail or password is incorrect');
      }
      const secret = newSecret();
      const now = deps.clock.now();
      const sessionId = sha256(secret);
      await deps.repo.insertSession({ id: sessionId, userId: user.id, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + ttlMs), ip: input.ip, userAgent: input.userAgent });
      await deps.audit.recordGlobal({ action: 'auth.login', entity: 'user', entityId: user.id, actorUserId: user.id, ip: input.ip, userAgent: input.userAgent });
      const principal: Principal = {
        kind: 'user', userId: user.id, email: user.email, displayName: user.displayName, locale: user.locale, sessionId,
        memberships: await membershipsOf(user.id),
      };
      return { secret, principal };
    },

    async resolveSession(secret: string): Promise<Principal | null> {
      const now = deps.clock.now();
      const session = await deps.repo.findLiveSession(sha256(secret), now);
      if (!session) return null;
      const user = await deps.repo.findUserById(session.userId);
      if (!user || user.disabled) return null;
      if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        await deps.repo.touchSession(session.id, now, new Date(now.getTime() + ttlMs));
      }
      return {
        kind: 'user', userId: user.id, email: user.email, displayName: user.displayName, locale: user.locale,
        sessionId: session.id, memberships: await membershipsOf(user.id),
      };
    },

    async resolveToken(token: string): Promise<Principal | null> {
      const row = await deps.repo.findLiveToken(sha256(token));
      if (!row || !isRole(row.role)) return null;
      const now = deps.clock.now();
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) await deps.repo.touchToken(row.id, now);
      return {
        kind: 'token', tokenId: row.id,
        membership: { tenantId: row.tenantId, tenantSlug: row.tenantSlug, tenantName: row.tenantName, timeZone: row.timeZone, role: row.role },
      };
    },

    async logout(sessionId: string) {
      await deps.repo.deleteSession(sessionId);
    },

    /** Returns the secret once; only its hash is kept. */
    async createApiToken(input: { tenantId: string; role: string; name: string }) {
      if (!isRole(input.role)) throw new AppError('validation_failed', `Unknown role "${input.role}"`);
      const token = newSecret('mdg_');
      const id = deps.ids();
      await deps.repo.insertToken({ id, tenantId: input.tenantId, role: input.role, name: input.name, tokenHash: sha256(token), prefix: token.slice(0, 10), createdAt: deps.clock.now() });
      return { id, token };
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
