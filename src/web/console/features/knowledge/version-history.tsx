import { Badge, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/format/datetime.js';
import { notifyError, notifySuccess } from '../../common/errors.js';
import { LoadingState } from '../../common/load-state.js';
import { useTenant } from '../auth/tenant-context.js';
import { useDiff, useRestore, useVersions, type VersionDiff } from './article-editor.queries.js';

function DiffView({ diff }: { diff: VersionDiff }) {
  const { t } = useTranslation();
  if (diff.fields.length === 0) return <Text size="sm">{t('knowledge.editor.noChanges')}</Text>;
  return (
    <Stack gap="xs">
      {diff.fields.map((f) => (
        <Stack key={f.field} gap={2}>
          <Text size="sm" fw={600}>
            {f.field}
          </Text>
          <Code block>
            {f.hunks.flatMap((h, i) =>
              h.lines.map((l, j) => (
                <div key={`${i}-${j}`} style={{ background: l.op === 'add' ? '#e6ffed' : l.op === 'remove' ? '#ffeef0' : undefined }}>
                  {l.op === 'add' ? '+ ' : l.op === 'remove' ? '- ' : '  '}
                  {l.text}
                </div>
              )),
            )}
          </Code>
        </Stack>
      ))}
    </Stack>
  );
}

/** Every version of an article: who saved or reviewed it, the change to the one before, restore. */
export function VersionHistory({ articleId, latestVersion, canEdit }: { articleId: string; latestVersion: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const { timeZone } = useTenant();
  const versions = useVersions(articleId);
  const [shown, setShown] = useState<number | null>(null);
  const diff = useDiff(articleId, shown !== null ? shown - 1 : null, shown);
  const restore = useRestore(articleId);
  if (versions.isPending) return <LoadingState />;
  const rows = versions.data ?? [];
  return (
    <Stack gap="sm">
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('knowledge.editor.version')}</Table.Th>
            <Table.Th>{t('knowledge.editor.statusCol')}</Table.Th>
            <Table.Th>{t('knowledge.editor.savedAt')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((v) => (
            <Table.Tr key={v.version}>
              <Table.Td>
                {v.version} {v.isPublished && <Badge size="xs" color="teal">{t('knowledge.editor.live')}</Badge>}
              </Table.Td>
              <Table.Td>
                {t(`knowledge.status.${v.status === 'in_review' || v.status === 'published' || v.status === 'archived' ? v.status : 'draft'}`)}
                {(v.note || v.reviewNote) && (
                  <Text size="xs" c="dimmed">
                    {v.reviewNote ?? v.note}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{formatDateTime(v.createdAt, timeZone)}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {v.version > 1 && (
                    <Button size="compact-xs" variant="subtle" onClick={() => setShown(shown === v.version ? null : v.version)}>
                      {t('knowledge.editor.changes')}
                    </Button>
                  )}
                  {canEdit && v.version !== latestVersion && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      loading={restore.isPending}
                      onClick={() => restore.mutate({ version: v.version, baseVersion: latestVersion }, { onSuccess: () => notifySuccess(t('knowledge.editor.restored', { v: v.version })), onError: notifyError })}
                    >
                      {t('knowledge.editor.restore')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {shown !== null && diff.data && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('knowledge.editor.diffTitle', { from: shown - 1, to: shown })}
          </Text>
          <DiffView diff={diff.data} />
        </Stack>
      )}
    </Stack>
  );
}
