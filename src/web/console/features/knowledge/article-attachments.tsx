import { ActionIcon, Anchor, FileButton, Button, Group, Stack, Text } from '@mantine/core';
import { IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AttachmentDto } from '../../../../server/features/knowledge/knowledge-attachment.schemas.js';
import { notifyError } from '../../common/errors.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';

const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Files attached to an article (manual pages, images): list, download, attach (≤ 10 MB), remove. */
export function ArticleAttachments({ articleId, canEdit }: { articleId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  const base = `/api/v1/knowledge/articles/${encodeURIComponent(articleId)}/attachments`;
  const key = tenantKey(slug, 'knowledge', 'article', articleId, 'attachments');
  const list = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<AttachmentDto[]>(base, undefined, signal) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.post<AttachmentDto>(base, form);
    },
    onSuccess: refresh,
    onError: notifyError,
  });
  const remove = useMutation({ mutationFn: (id: string) => api.delete(`${base}/${encodeURIComponent(id)}`), onSuccess: refresh, onError: notifyError });
  // The tenant travels in a header, which a plain link cannot send: fetch the file, then save it.
  const download = async (a: AttachmentDto) => {
    const response = await fetch(`${base}/${encodeURIComponent(a.id)}`, { headers: { 'X-Tenant': slug }, credentials: 'same-origin' });
    if (!response.ok) return notifyError(new Error(response.statusText));
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: a.fileName });
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('knowledge.attachments.title')}</Text>
      {(list.data ?? []).length === 0 && (
        <Text size="sm" c="dimmed">
          {t('knowledge.attachments.none')}
        </Text>
      )}
      {(list.data ?? []).map((a) => (
        <Group key={a.id} gap="xs" wrap="nowrap" justify="space-between">
          <Anchor component="button" type="button" size="sm" onClick={() => void download(a)}>
            {a.fileName}
          </Anchor>
          <Group gap={4} wrap="nowrap">
            <Text size="xs" c="dimmed">
              {sizeText(a.size)}
            </Text>
            {canEdit && (
              <ActionIcon variant="subtle" color="red" aria-label={t('knowledge.attachments.remove', { name: a.fileName })} onClick={() => remove.mutate(a.id)}>
                <IconTrash size={14} aria-hidden />
              </ActionIcon>
            )}
          </Group>
        </Group>
      ))}
      {canEdit && (
        <FileButton onChange={(file) => file && upload.mutate(file)} accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.txt,.csv,.docx,.xlsx">
          {(props) => (
            <Button {...props} size="xs" variant="light" leftSection={<IconPaperclip size={14} aria-hidden />} loading={upload.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('knowledge.attachments.add')}
            </Button>
          )}
        </FileButton>
      )}
    </Stack>
  );
}
