import type { Services } from '../../src/server/services.js';
import type { Role } from '../../src/core/auth/permissions.js';
import { systemContext } from '../../src/server/platform/system-context.js';

export const TEST_PASSWORD = 'correct-horse-battery';

/** A tenant with one user per role: `${role}@${slug}.test`, all with TEST_PASSWORD. */
export async function createTenantWithStaff(services: Services, slug: string, name = `テスト ${slug}`) {
  const tenant = await services.tenants.createTenant({ slug, name });
  const users = {} as Record<Role, { id: string; email: string }>;
  for (const role of ['agent', 'supervisor', 'admin', 'hq', 'client_viewer'] as const) {
    const email = `${role.replace('_', '-')}@${slug}.test`;
    const u = await services.users.createUser({ email, password: TEST_PASSWORD, displayName: `${role} ${slug}` });
    await services.users.grantRole(u.id, tenant.id, role);
    users[role] = { id: u.id, email };
  }
  return { tenant, users, ctx: systemContext(tenant, 'test') };
}
