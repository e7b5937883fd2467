import { ActionIcon, Box, Group, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { ForbiddenNotice } from '../../common/forbidden-notice.js';
import { IconMaximize, IconMinimize } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError, LoadingState } from '../../common/load-state.js';
import { formatDateTime } from '../../../ui/format/datetime.js';
import { hasPermission } from '../../../../core/auth/permissions.js';
import { useSession } from '../auth/session.queries.js';
import { ConnectionBadge } from '../desk/connection-badge.js';
import { AgentsTable } from './agents-table.js';
import { QueueBoard, TenantTotals } from './queue-board.js';
import { TenantFilter } from './tenant-filter.js';
import { agentsOfTenants } from './thresholds.js';
import { useWallboard } from './wallboard-socket.js';

/** `?tenants=a,b` ↔ `['a', 'b']`, keeping only companies the user may monitor. */
function parseTenants(value: string | null, allowed: ReadonlySet<string>): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && allowed.has(s));
}

/**
 * ウォールボード: live queue figures per company and queue, and agents by state, for a supervisor's
 * screen or a wall display (big numbers, fullscreen). The tenant filter is in the URL, so a wall
 * display can be bookmarked for one client company.
 */
export function WallboardPage() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const [params, setParams] = useSearchParams();
  const monitorable = useMemo(() => (session?.memberships ?? []).filter((m) => hasPermission(m.role, 'routing:monitor')), [session]);
  const allowed = useMemo(() => new Set(monitorable.map((m) => m.tenantSlug)), [monitorable]);
  const slugs = parseTenants(params.get('tenants'), allowed);
  const { board, status, error, reconnect } = useWallboard(slugs);
  const fullscreen = useFullscreenToggle();

  const setSlugs = (next: string[]) => setParams(next.length ? { tenants: next.join(',') } : {}, { replace: true });

  if (monitorable.length === 0) {
    return <ForbiddenNotice />;
  }

  const tenantNames = new Map((board?.tenants ?? []).map((tn) => [tn.tenantId, tn.name] as const));
  const shownTenantIds = board ? board.tenants.map((tn) => tn.tenantId) : null;
  const multiTenant = (board?.tenants.length ?? 0) > 1;

  return (
    <Box ref={fullscreen.ref} bg="gray.0" p={fullscreen.active ? 'md' : 0} style={fullscreen.active ? { overflow: 'auto' } : undefined}>
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="sm" align="baseline">
            <Title order={1} size="h2">
              {t('wallboard.title')}
            </Title>
            {board && (
              <Text size="sm" c="dimmed">
                {t('wallboard.updatedAt', { time: formatDateTime(board.at) })}
              </Text>
            )}
          </Group>
          <Group gap="sm">
            <TenantFilter memberships={monitorable} value={slugs} onChange={setSlugs} />
            <ConnectionBadge status={status} onReconnect={reconnect} />
            <Tooltip label={fullscreen.active ? t('wallboard.exitFullscreen') : t('wallboard.fullscreen')}>
              <ActionIcon
                variant="default"
                size="lg"
                onClick={fullscreen.toggle}
                aria-label={fullscreen.active ? t('wallboard.exitFullscreen') : t('wallboard.fullscreen')}
                aria-pressed={fullscreen.active}
              >
                {fullscreen.active ? <IconMinimize size={18} aria-hidden /> : <IconMaximize size={18} aria-hidden />}
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        {!board ? (
          error ? <LoadError error={error} /> : <LoadingState />
        ) : (
          <>
            {board.tenants.map((tenant) => (
              <TenantTotals key={tenant.tenantId} tenant={tenant} queues={board.queues} />
            ))}
            {board.queues.length === 0 ? (
              <Text c="dimmed">{t('wallboard.noQueues')}</Text>
            ) : (
              <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
                {board.queues.map((queue) => (
                  <QueueBoard key={queue.queueId} queue={queue} tenantName={multiTenant ? (tenantNames.get(queue.tenantId) ?? null) : null} />
                ))}
              </SimpleGrid>
            )}
            <AgentsTable agents={agentsOfTenants(board.agents, shownTenantIds)} tenantNames={tenantNames} />
          </>
        )}
      </Stack>
    </Box>
  );
}

/** Fullscreen on the board's own element (the menu and header stay out); never throws when refused. */
function useFullscreenToggle() {
  const element = useRef<HTMLDivElement | null>(null);
  const [active, setActive] = useState(false);
  useEffect(() => {
    const onChange = () => setActive(document.fullscreenElement !== null && document.fullscreenElement === element.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const toggle = useCallback(() => {
    try {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      else void element.current?.requestFullscreen?.().catch(() => undefined);
    } catch {
      // fullscreen refused (iframe, policy): stay as we are
    }
  }, []);
  return { ref: element, active, toggle };
}
