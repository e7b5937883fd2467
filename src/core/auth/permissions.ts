/** Roles are per tenant (a BPO operator can be agent of one client and supervisor of another). */
export const ROLES = ['agent', 'supervisor', 'admin', 'hq', 'client_viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'customers:read',
  'customers:write',
  'customers:delete',
  'customers:import',
  'catalog:read',
  'catalog:write',
  'orders:read',
  'orders:write',
  'interactions:read',
  'interactions:write',
  'interactions:delete',
  'cases:read',
  'cases:write',
  'cases:delete',
  'users:read',
  'audit:read',
  /** Take routed contacts: presence, offers, wrap-up, transfers (agent desktop). */
  'routing:work',
  /** Live wallboard and queue figures. */
  'routing:monitor',
  /** Queues, skills, agent skills and capacities, hours, reason and disposition codes. */
  'routing:admin',
  /** Put contacts into routing (channel adapters, integrations, supervisors). */
  'contacts:create',
  /** Search and read knowledge articles (internal ones included). */
  'knowledge:read',
  /** Write articles, categories and synonyms; see searches that found nothing. */
  'knowledge:write',
  /** Vote "helpful / not helpful" on an article (operators; client viewers only read). */
  'knowledge:feedback',
  /** Publish, send back or archive articles in review (four-eyes: not one's own version, except admins). */
  'knowledge:approve',
  /** Follow guided talk flows (トークスクリプト) and read their runs. */
  'talkflow:read',
  /** Edit, publish and archive talk flows; their statistics (where calls go, which branches escalate). */
  'talkflow:write',
  /** Run a talk flow on a contact (agent desktop). */
  'talkflow:run',
  /** Run the public FAQ portal: settings and branding, customer voices, stale content and health. */
  'portal:admin',
  /** Read IVR flows and walk them in the test panel. */
  'ivr:read',
  /** Edit and publish IVR flows and the numbers they answer (admins). */
  'ivr:write',
  /** Telephony settings: Twilio credentials, the CTI webhook's token, blocked numbers (admins). */
  'telephony:admin',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const staff: Permission[] = [
  'customers:read', 'customers:write', 'catalog:read', 'orders:read', 'orders:write',
  'interactions:read', 'interactions:write', 'cases:read', 'cases:write', 'users:read', 'routing:work', 'knowledge:read', 'knowledge:feedback',
  'talkflow:read', 'talkflow:run',
];

// A client viewer (委託元) sees its own cases and contacts but no raw customer master data;
// HQ reads everything for Voice-of-Customer work and follows up on cases.
const grants: Record<Role, ReadonlySet<Permission>> = {
  agent: new Set(staff),
  supervisor: new Set<Permission>([...staff, 'customers:delete', 'customers:import', 'catalog:write', 'interactions:delete', 'cases:delete', 'routing:monitor', 'contacts:create', 'knowledge:write', 'knowledge:approve', 'talkflow:write', 'portal:admin', 'ivr:read']),
  admin: new Set<Permission>(PERMISSIONS),
  hq: new Set<Permission>(['customers:read', 'catalog:read', 'orders:read', 'interactions:read', 'cases:read', 'cases:write', 'users:read', 'routing:monitor', 'knowledge:read', 'knowledge:write', 'knowledge:feedback', 'knowledge:approve', 'talkflow:read', 'talkflow:write', 'portal:admin']),
  // The client company reads the knowledge the center answers with on its behalf.
  client_viewer: new Set<Permission>(['catalog:read', 'interactions:read', 'cases:read', 'knowledge:read']),
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return grants[role].has(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
