import { Anchor, Button, ColorInput, Group, NumberInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../common/errors.js';
import { useQueues } from '../routing-admin/routing-admin.queries.js';
import { fieldErrorOf } from './field-error.js';
import { useSavePortalSettings, type PortalSettings, type PortalSettingsInput } from './portal-admin.queries.js';

/** The routing queue for contact-form messages (routing admins only: others cannot list queues). */
function QueueSelect({ value, onChange, error }: { value: string | null; onChange: (v: string | null) => void; error: string | undefined }) {
  const { t } = useTranslation();
  const queues = useQueues();
  return (
    <Select
      label={t('portalAdmin.contactQueue')}
      description={t('portalAdmin.contactQueueHelp')}
      data={(queues.data ?? []).map((q) => ({ value: q.id, label: q.name }))}
      value={value}
      onChange={onChange}
      clearable
      error={error}
    />
  );
}

/** On/off, branding, language, contact queue and the stale rule of the tenant's portal. */
export function PortalSettingsForm({ settings, canPickQueue }: { settings: PortalSettings; canPickQueue: boolean }) {
  const { t } = useTranslation();
  const save = useSavePortalSettings();
  const [form, setForm] = useState<PortalSettingsInput>(settings);
  useEffect(() => setForm(settings), [settings]);
  const set = <K extends keyof PortalSettingsInput>(k: K, v: PortalSettingsInput[K]) => setForm((f) => ({ ...f, [k]: v }));
  const err = (path: string) => fieldErrorOf(save.error, path);
  return (
    <Stack gap="sm" maw={640}>
      <Switch label={t('portalAdmin.enabled')} checked={form.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
      <Anchor href={`${settings.path}`} target="_blank" rel="noopener" size="sm">
        {t('portalAdmin.open', { path: settings.path })}
      </Anchor>
      <TextInput label={t('portalAdmin.siteTitle')} maxLength={100} value={form.title} onChange={(e) => set('title', e.currentTarget.value)} error={err('title')} />
      <TextInput label={t('portalAdmin.tagline')} maxLength={200} value={form.tagline} onChange={(e) => set('tagline', e.currentTarget.value)} error={err('tagline')} />
      <TextInput label={t('portalAdmin.logoUrl')} description={t('portalAdmin.logoHelp')} value={form.logoUrl ?? ''} onChange={(e) => set('logoUrl', e.currentTarget.value.trim() || null)} error={err('logoUrl')} />
      <Group grow>
        <ColorInput label={t('portalAdmin.primaryColor')} format="hex" value={form.primaryColor} onChange={(v) => set('primaryColor', v)} error={err('primaryColor')} />
        <ColorInput label={t('portalAdmin.accentColor')} format="hex" value={form.accentColor} onChange={(v) => set('accentColor', v)} error={err('accentColor')} />
      </Group>
      <Group grow>
        <Select
          label={t('portalAdmin.defaultLocale')}
          data={[
            { value: 'ja', label: '日本語' },
            { value: 'en', label: 'English' },
          ]}
          value={form.defaultLocale}
          onChange={(v) => set('defaultLocale', v === 'en' ? 'en' : 'ja')}
          allowDeselect={false}
        />
        <NumberInput label={t('portalAdmin.staleAfterDays')} min={1} max={3650} value={form.staleAfterDays} onChange={(v) => set('staleAfterDays', typeof v === 'number' ? v : 180)} error={err('staleAfterDays')} />
      </Group>
      {canPickQueue && <QueueSelect value={form.contactQueueId} onChange={(v) => set('contactQueueId', v)} error={err('contactQueueId')} />}
      <Button
        style={{ alignSelf: 'flex-start' }}
        loading={save.isPending}
        onClick={() => save.mutate({ enabled: form.enabled, title: form.title, tagline: form.tagline, logoUrl: form.logoUrl, primaryColor: form.primaryColor, accentColor: form.accentColor, defaultLocale: form.defaultLocale, contactQueueId: form.contactQueueId, staleAfterDays: form.staleAfterDays }, { onSuccess: () => notifySuccess(t('portalAdmin.saved')), onError: notifyError })}
      >
        {t('common.save')}
      </Button>
    </Stack>
  );
}
