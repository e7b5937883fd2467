import { Badge, Button, Card, Checkbox, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/format/datetime.js';
import { notifyError } from '../../common/errors.js';
import { LoadError, LoadingState } from '../../common/load-state.js';
import { useTenant } from '../auth/tenant-context.js';
import { fieldErrorOf } from './field-error.js';
import { useCreateVoice, useVoiceMove, useVoices } from './portal-admin.queries.js';

function NewVoice() {
  const { t } = useTranslation();
  const create = useCreateVoice();
  const empty = { title: '', voice: '', response: '', publish: false };
  const [v, setV] = useState(empty);
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="xs">
        <Text fw={600}>{t('portalAdmin.voices.new')}</Text>
        <TextInput label={t('portalAdmin.voices.title')} maxLength={200} value={v.title} onChange={(e) => setV({ ...v, title: e.currentTarget.value })} error={fieldErrorOf(create.error, 'title')} />
        <Textarea label={t('portalAdmin.voices.voice')} description={t('portalAdmin.voices.voiceHelp')} autosize minRows={2} maxLength={5000} value={v.voice} onChange={(e) => setV({ ...v, voice: e.currentTarget.value })} error={fieldErrorOf(create.error, 'voice')} />
        <Textarea label={t('portalAdmin.voices.response')} autosize minRows={2} maxLength={10000} value={v.response} onChange={(e) => setV({ ...v, response: e.currentTarget.value })} error={fieldErrorOf(create.error, 'response')} />
        <Checkbox label={t('portalAdmin.voices.publishNow')} checked={v.publish} onChange={(e) => setV({ ...v, publish: e.currentTarget.checked })} />
        <Button style={{ alignSelf: 'flex-start' }} loading={create.isPending} onClick={() => create.mutate(v, { onSuccess: () => setV(empty), onError: notifyError })}>
          {t('common.add')}
        </Button>
      </Stack>
    </Card>
  );
}

/** "お客様の声と私たちの取り組み": write, publish and take down the voices shown on the portal. */
export function PortalVoices() {
  const { t } = useTranslation();
  const { timeZone } = useTenant();
  const voices = useVoices();
  const move = useVoiceMove();
  if (voices.isPending) return <LoadingState />;
  if (voices.isError) return <LoadError error={voices.error} onRetry={() => void voices.refetch()} />;
  return (
    <Stack gap="sm">
      <NewVoice />
      {voices.data.items.map((v) => (
        <Card key={v.id} withBorder radius="md" padding="sm">
          <Group justify="space-between" align="flex-start">
            <Stack gap={2} style={{ flex: 1 }}>
              <Group gap="xs">
                <Text fw={600}>{v.title}</Text>
                <Badge color={v.status === 'published' ? 'teal' : 'gray'}>{t(`portalAdmin.voices.status.${v.status}`)}</Badge>
              </Group>
              <Text size="sm">{v.voice}</Text>
              <Text size="sm" c="dimmed">
                → {v.response}
              </Text>
              {v.publishedAt && (
                <Text size="xs" c="dimmed">
                  {t('portalAdmin.voices.publishedAt', { at: formatDateTime(v.publishedAt, timeZone) })}
                </Text>
              )}
            </Stack>
            <Group gap={4}>
              <Button size="xs" variant="light" onClick={() => move.mutate({ id: v.id, move: v.status === 'published' ? 'unpublish' : 'publish' }, { onError: notifyError })}>
                {v.status === 'published' ? t('portalAdmin.voices.unpublish') : t('portalAdmin.voices.publish')}
              </Button>
              <Button size="xs" variant="subtle" color="red" onClick={() => move.mutate({ id: v.id, move: 'delete' }, { onError: notifyError })}>
                {t('common.delete')}
              </Button>
            </Group>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
