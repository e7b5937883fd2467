import { isRole, type Role } from '../../../core/auth/permissions.js';
import { AppError } from '../../platform/app-error.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import { hashPassword } from '../../platform/secrets.js';
import type { UserRepository } from './user.repository.js';
import { createUserInput, type CreateUserInput } from './user.schemas.js';

export function createUserService(deps: { repo: UserRepository; ids: IdGenerator }) {
  return {
    async createUser(input: CreateUserInput) {
      const v = createUserInput.parse(input);
      const created = await deps.repo.insert({ id: deps.ids(), email: v.email, displayName: v.displayName, locale: v.locale, passwordHash: await hashPassword(v.password) });
      if (!created) throw new AppError('duplicate', `A user with e-mail ${v.email} already exists`);
      return created;
    },
    findByEmail: (email: string) => deps.repo.findByEmail(email.trim().toLowerCase()),
    async grantRole(userId: string, tenantId: string, role: string) {
      if (!isRole(role)) throw new AppError('validation_failed', `Unknown role "${role}"`);
      await deps.repo.upsertMembership(userId, tenantId, role);
    },
    async listMembers(ctx: TenantContext) {
      const rows = await deps.repo.listMembers(ctx.tenantId);
      return rows.flatMap((r) => (isRole(r.role) ? [{ ...r, role: r.role as Role }] : []));
    },
    /** For owner/agent pickers: a user id named in a request must belong to the caller's tenant. */
    async assertMember(ctx: TenantContext, userId: string) {
      if (!(await deps.repo.isMember(ctx.tenantId, userId))) throw new AppError('not_found', 'User not found in this tenant');
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;
