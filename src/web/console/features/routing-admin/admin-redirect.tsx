import { ForbiddenNotice } from '../../common/forbidden-notice.js';
import { Navigate } from 'react-router';
import { hasPermission } from '../../../../core/auth/permissions.js';
import { tenantPath } from '../../common/paths.js';
import { useSession } from '../auth/session.queries.js';
import { lastTenant } from '../auth/tenant-context.js';

/** `/admin/routing` → the routing settings of the tenant last worked in (or the first one the user administers). */
export function RoutingAdminRedirect() {
  const { data: session } = useSession();
  const admins = (session?.memberships ?? []).filter((m) => hasPermission(m.role, 'routing:admin'));
  const target = lastTenant(admins) ?? admins[0];
  if (!target) {
    return <ForbiddenNotice />;
  }
  return <Navigate to={`${tenantPath(target.tenantSlug)}/admin/routing`} replace />;
}
