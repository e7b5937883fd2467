import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '../../../ui/format/datetime.js';
import { PageHeader } from '../../../ui/page-header.js';
import { LoadError, LoadingState } from '../../common/load-state.js';
import { tenantPath } from '../../common/paths.js';
import { useTenant } from '../auth/tenant-context.js';
import { usePortalHealth, usePortalSettings, useStaleArticles } from './portal-admin.queries.js';
import { PortalSettingsForm } from './portal-settings-form.js';
import { PortalVoices } from './portal-voices.js';

function Figure({ label, value }: { label: string; value: string | number }) {
  return (
    <Card withBorder radius="md" padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Card>
  );
}

function HealthTab() {
  const { t } = useTranslation();
  const health = usePortalHealth();
  if (health.isPending) return <LoadingState />;
  if (health.isError) return <LoadError error={health.error} onRetry={() => void health.refetch()} />;
  const h = health.data;
  const ratio = h.last30Days.helpfulRatio;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        <Figure label={t('portalAdmin.health.public')} value={h.publicArticles} />
        <Figure label={t('portalAdmin.health.stale')} value={h.staleArticles} />
        <Figure label={t('portalAdmin.health.helpful')} value={ratio === null ? '—' : `${Math.round(ratio * 100)}%`} />
        <Figure label={t('portalAdmin.health.contacts')} value={h.last30Days.contactSubmissions} />
        <Figure label={t('portalAdmin.health.oldest')} value={h.oldestArticleAgeDays === null ? '—' : t('portalAdmin.health.days', { n: h.oldestArticleAgeDays })} />
      </SimpleGrid>
      <Text fw={600}>{t('portalAdmin.health.misses')}</Text>
      {h.last30Days.searchesWithoutResults.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('portalAdmin.health.noMisses')}
        </Text>
      ) : (
        <Table>
          <Table.Tbody>
            {h.last30Days.searchesWithoutResults.map((m) => (
              <Table.Tr key={m.query}>
                <Table.Td>{m.query}</Table.Td>
                <Table.Td>{m.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function StaleTab() {
  const { t } = useTranslation();
  const { slug, timeZone } = useTenant();
  const stale = useStaleArticles();
  if (stale.isPending) return <LoadingState />;
  if (stale.isError) return <LoadError error={stale.error} onRetry={() => void stale.refetch()} />;
  if (stale.data.items.length === 0) return <Text c="dimmed">{t('portalAdmin.stale.none')}</Text>;
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('portalAdmin.stale.article')}</Table.Th>
          <Table.Th>{t('portalAdmin.stale.why')}</Table.Th>
          <Table.Th>{t('portalAdmin.stale.updated')}</Table.Th>
          <Table.Th>{t('portalAdmin.stale.owner')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {stale.data.items.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>
              <Anchor component={Link} to={`${tenantPath(slug)}/knowledge/${encodeURIComponent(a.id)}/edit`}>
                {a.title}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                {a.reasons.map((r) => (
                  <Badge key={r} color={r === 'review_overdue' ? 'red' : 'yellow'} size="sm">
                    {t(`portalAdmin.stale.reasons.${r}`)}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>
              {formatDateTime(a.updatedAt, timeZone)} ({t('portalAdmin.health.days', { n: a.ageDays })})
            </Table.Td>
            <Table.Td>{a.owner?.name ?? a.owner?.email ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** /t/:tenant/admin/portal — the public consultation room: settings, health, stale pages, voices. */
export function PortalAdminPage() {
  const { t } = useTranslation();
  const { can } = useTenant();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'settings';
  const settings = usePortalSettings();
  return (
    <Stack gap="md">
      <PageHeader title={t('portalAdmin.title')} />
      <Tabs value={tab} onChange={(v) => setParams(v ? { tab: v } : {}, { replace: true })}>
        <Tabs.List>
          <Tabs.Tab value="settings">{t('portalAdmin.tabs.settings')}</Tabs.Tab>
          <Tabs.Tab value="health">{t('portalAdmin.tabs.health')}</Tabs.Tab>
          <Tabs.Tab value="stale">{t('portalAdmin.tabs.stale')}</Tabs.Tab>
          <Tabs.Tab value="voices">{t('portalAdmin.tabs.voices')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="settings" pt="md">
          {settings.isPending && <LoadingState />}
          {settings.isError && <LoadError error={settings.error} onRetry={() => void settings.refetch()} />}
          {settings.data && <PortalSettingsForm settings={settings.data} canPickQueue={can('routing:admin')} />}
        </Tabs.Panel>
        <Tabs.Panel value="health" pt="md">
          {tab === 'health' && <HealthTab />}
        </Tabs.Panel>
        <Tabs.Panel value="stale" pt="md">
          {tab === 'stale' && <StaleTab />}
        </Tabs.Panel>
        <Tabs.Panel value="voices" pt="md">
          {tab === 'voices' && <PortalVoices />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
