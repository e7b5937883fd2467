import { Anchor, Badge, Group, Modal, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { usageDto } from '../../../../server/features/knowledge/knowledge-report.schemas.js';
import { LoadError, LoadingState } from '../../common/load-state.js';
import { tenantPath } from '../../common/paths.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';

type Usage = z.infer<typeof usageDto>;

/** The last 30 days as local dates of the tenant (YYYY-MM-DD), the range the report covers. */
export function last30Days(now: Date, timeZone: string): { from: string; to: string } {
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return { from: day(new Date(now.getTime() - 29 * 86_400_000)), to: day(now) };
}

const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

function UsageBody({ usage }: { usage: Usage }) {
  const { t } = useTranslation();
  const { slug } = useTenant();
  const edit = (id: string) => `${tenantPath(slug)}/knowledge/${encodeURIComponent(id)}/edit`;
  // Least helpful first: those are the articles to rewrite.
  const rated = usage.articles.filter((a) => a.helpful + a.notHelpful > 0).sort((a, b) => (a.helpfulRatio ?? 1) - (b.helpfulRatio ?? 1));
  return (
    <Stack gap="md">
      <SimpleGrid cols={3}>
        <Text size="sm">{t('knowledge.usage.articles', { n: usage.totals.articles })}</Text>
        <Text size="sm">{t('knowledge.usage.votes', { helpful: usage.totals.helpful, notHelpful: usage.totals.notHelpful })}</Text>
        <Text size="sm">{t('knowledge.usage.ratio', { ratio: percent(usage.totals.helpfulRatio) })}</Text>
      </SimpleGrid>
      <Text fw={600}>{t('knowledge.usage.misses')}</Text>
      {usage.topMisses.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('knowledge.usage.noMisses')}
        </Text>
      ) : (
        <Table>
          <Table.Tbody>
            {usage.topMisses.map((m) => (
              <Table.Tr key={`${m.source}:${m.query}`}>
                <Table.Td>{m.query}</Table.Td>
                <Table.Td>
                  <Badge variant="light" size="sm">
                    {t(`knowledge.usage.source.${m.source === 'portal' ? 'portal' : 'console'}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{m.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text fw={600}>{t('knowledge.usage.leastHelpful')}</Text>
      <Table>
        <Table.Tbody>
          {rated.slice(0, 20).map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <Anchor component={Link} to={edit(a.id)}>
                  {a.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{percent(a.helpfulRatio)}</Table.Td>
              <Table.Td>
                👍 {a.helpful} · 👎 {a.notHelpful}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {usage.neverViewed.length > 0 && (
        <>
          <Text fw={600}>{t('knowledge.usage.neverViewed', { n: usage.neverViewed.length })}</Text>
          <Group gap="xs">
            {usage.neverViewed.slice(0, 30).map((a) => (
              <Anchor key={a.id} component={Link} to={edit(a.id)} size="sm">
                {a.title}
              </Anchor>
            ))}
          </Group>
        </>
      )}
    </Stack>
  );
}

/** Editors' report: searches that found nothing (articles to write), least helpful articles, unread ones. */
export function UsageReportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { slug, api, timeZone } = useTenant();
  const range = last30Days(new Date(), timeZone);
  const usage = useQuery({
    queryKey: tenantKey(slug, 'knowledge', 'usage', range.from, range.to),
    queryFn: ({ signal }) => api.get<Usage>('/api/v1/knowledge/reports/usage', range, signal),
    enabled: opened,
  });
  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={t('knowledge.usage.title', range)}>
      {usage.isPending && <LoadingState />}
      {usage.isError && <LoadError error={usage.error} onRetry={() => void usage.refetch()} />}
      {usage.data && <UsageBody usage={usage.data} />}
    </Modal>
  );
}
