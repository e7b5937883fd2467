import { AppError } from '../../platform/app-error.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantRepository } from './tenant.repository.js';
import { createTenantInput, type CreateTenantInput } from './tenant.schemas.js';

export function createTenantService(deps: { repo: TenantRepository; ids: IdGenerator }) {
  return {
    async createTenant(input: CreateTenantInput) {
      const v = createTenantInput.parse(input);
      const created = await deps.repo.insert({ id: deps.ids(), slug: v.slug, name: v.name, timeZone: v.timeZone });
      if (!created) throw new AppError('duplicate', `Tenant "${v.slug}" already exists`);
      return created;
    },
    async getBySlug(slug: string) {
      const t = await deps.repo.findBySlug(slug);
      if (!t) throw new AppError('not_found', `Tenant "${slug}" not found`);
      return t;
    },
    findBySlug: (slug: string) => deps.repo.findBySlug(slug),
    list: () => deps.repo.list(),
  };
}
export type TenantService = ReturnType<typeof createTenantService>;
