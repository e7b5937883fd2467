import type { Role } from '../../../../core/auth/permissions.js';

/** Tenant roles whose members are routed contacts (docs/routing-api.md: "any tenant role agent/supervisor"). */
const ROUTED_ROLES: ReadonlySet<Role> = new Set<Role>(['agent', 'supervisor']);

/**
 * Whether the user takes contacts, and so gets the エージェント desk: an agent or supervisor in some
 * tenant. An admin holds every permission (`routing:work` included) but is not routed unless also
 * agent or supervisor somewhere.
 */
export function takesContacts(memberships: readonly { role: Role }[] | undefined): boolean {
  return (memberships ?? []).some((m) => ROUTED_ROLES.has(m.role));
}
