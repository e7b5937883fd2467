import { Badge, Button, Checkbox, Group, PasswordInput, Select, SimpleGrid, Stack, Textarea, TextInput, type TextInputProps } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { notifySuccess } from '../../common/errors.js';
import { FormErrorAlert, useFormErrors } from '../../common/form-errors.js';
import { SectionCard } from '../../../ui/section-card.js';
import {
  blockedNumberLines,
  formToSettingsInput,
  refusedBlockedLines,
  settingsToForm,
  validateTelephonyForm,
  writeOnlyState,
  type TelephonyFormValues,
  type WriteOnlyField,
} from './telephony-form.js';
import { useSaveTelephonySettings, type TelephonySettings } from './telephony.queries.js';
import { useQueues } from '../routing-admin/routing-admin.queries.js';

/** The text fields shown as stored (the rest are write-only secrets or other inputs). */
type ShownField = Exclude<keyof TelephonyFormValues, WriteOnlyField | 'clearCtiDialAuthorization'>;

/** Twilio, softphone, click-to-call through the PBX and blocked numbers of the tenant; one save for all. */
export function TelephonySettingsForm({ settings }: { settings: TelephonySettings }) {
  const { t } = useTranslation();
  const save = useSaveTelephonySettings();
  const errors = useFormErrors();
  const [values, setValues] = useState<TelephonyFormValues>(() => settingsToForm(settings));
  const set = (field: Exclude<keyof TelephonyFormValues, 'clearCtiDialAuthorization'>) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const written = writeOnlyState(settings);
  const queues = useQueues();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validateTelephonyForm(values);
    const messages = Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, t(`telephony.validation.${p.key}`, { prefix: p.prefix })]));
    if (!errors.validate(messages)) return;
    errors.reset();
    const { lines } = blockedNumberLines(values.blockedNumbers);
    save.mutate(formToSettingsInput(values, settings), {
      onSuccess: (next) => {
        notifySuccess(t('telephony.saved'));
        // Typed secrets are gone from the screen once stored; the numbers come back normalized.
        setValues(settingsToForm(next));
      },
      onError: (error) => {
        const refused = error instanceof ApiError ? refusedBlockedLines(error.fieldErrors, lines) : [];
        // The blocked numbers the server could not read: named by their line, on the field.
        if (refused.length > 0) errors.validate({ blockedNumbers: t('telephony.blockedInvalid', { lines: refused.join(', ') }) });
        else errors.setFailure(error);
      },
    });
  };

  /** A field shown as stored (not a secret): value, change and error by its name. */
  const shown = (field: ShownField, props: Pick<TextInputProps, 'label' | 'description' | 'placeholder' | 'type' | 'ff'>) => (
    <TextInput {...props} autoComplete="off" value={values[field]} onChange={(e) => set(field)(e.currentTarget.value)} error={errors.fieldError(field)} />
  );

  /** A write-only field: empty, with 設定済み when the server has a value; typed: replaces it. */
  const writeOnly = (field: WriteOnlyField, label: string, secret: boolean) => {
    const Input = secret ? PasswordInput : TextInput;
    return (
      <Input
        label={
          <Group gap={6} component="span">
            {label}
            <Badge size="xs" variant="light" color={written[field] ? 'teal' : 'gray'} data-testid={`state-${field}`}>
              {written[field] ? t('telephony.set') : t('telephony.notSet')}
            </Badge>
          </Group>
        }
        description={written[field] ? t('telephony.keepHint') : undefined}
        placeholder={written[field] ? t('telephony.set') : undefined}
        autoComplete="off"
        value={values[field]}
        onChange={(e) => set(field)(e.currentTarget.value)}
        error={errors.fieldError(field)}
      />
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('telephony.title')}>
      <Stack gap="md">
        <SectionCard title={t('telephony.twilio.title')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
              {shown('twilioAccountSid', { label: t('telephony.twilio.accountSid'), placeholder: 'AC…' })}
              {writeOnly('twilioAuthToken', t('telephony.twilio.authToken'), true)}
              {shown('twilioCallerId', { label: t('telephony.twilio.callerId'), description: t('telephony.twilio.callerIdHint'), placeholder: '03-1234-5678', type: 'tel' })}
              {shown('twilioHoldMusicUrl', { label: t('telephony.twilio.holdMusic'), description: t('telephony.twilio.holdMusicHint'), placeholder: 'https://…/hold-loop.mp3', type: 'url' })}
            </SimpleGrid>
          </Stack>
        </SectionCard>
        <SectionCard title={t('telephony.softphone.title')}>
          <Stack gap="sm">
            <Badge variant="light" color={settings.twilio.softphoneConfigured ? 'teal' : 'gray'}>
              {settings.twilio.softphoneConfigured ? t('telephony.softphone.ready') : t('telephony.softphone.notReady')}
            </Badge>
            <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
              {writeOnly('twilioApiKeySid', t('telephony.softphone.apiKeySid'), false)}
              {writeOnly('twilioApiKeySecret', t('telephony.softphone.apiKeySecret'), true)}
              {writeOnly('twilioTwimlAppSid', t('telephony.softphone.twimlAppSid'), false)}
            </SimpleGrid>
          </Stack>
        </SectionCard>
        <SectionCard title={t('telephony.dial.title')}>
          <Stack gap="sm">
            {shown('ctiDialUrl', { label: t('telephony.dial.url'), description: t('telephony.dial.urlHint'), placeholder: 'http://pbx.example:8088/ari/channels?endpoint=PJSIP/{extension}&extension={national}&context=from-internal&priority=1', ff: 'monospace' })}
            {writeOnly('ctiDialAuthorization', t('telephony.dial.authorization'), true)}
            {written.ctiDialAuthorization && (
              <Checkbox
                label={t('telephony.dial.clearAuthorization')}
                checked={values.clearCtiDialAuthorization}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  setValues((v) => ({ ...v, clearCtiDialAuthorization: checked }));
                }}
              />
            )}
          </Stack>
        </SectionCard>
        <SectionCard title={t('telephony.payment.title')}>
          <Stack gap="sm">
            {shown('paymentUrl', { label: t('telephony.payment.url'), description: t('telephony.payment.urlHint'), placeholder: 'https://pay.example.jp/ivr/cards', type: 'url' })}
            {writeOnly('paymentAuthorization', t('telephony.payment.authorization'), true)}
          </Stack>
        </SectionCard>
        <SectionCard title={t('telephony.ctiQueue.title')}>
          <Select
            label={t('telephony.ctiQueue.label')}
            description={t('telephony.ctiQueue.hint')}
            placeholder={t('telephony.ctiQueue.none')}
            clearable
            data={(queues.data ?? []).map((q) => ({ value: q.id, label: q.name }))}
            value={values.ctiQueueId || null}
            onChange={(value) => set('ctiQueueId')(value ?? '')}
            error={errors.fieldError('ctiQueueId')}
          />
        </SectionCard>
        <SectionCard title={t('telephony.blocked.title')}>
          <Textarea
            label={t('telephony.blocked.label')}
            description={t('telephony.blocked.hint')}
            autosize
            minRows={3}
            maxRows={12}
            ff="monospace"
            value={values.blockedNumbers}
            onChange={(e) => set('blockedNumbers')(e.currentTarget.value)}
            error={errors.fieldErrorExact('blockedNumbers')}
          />
        </SectionCard>
        <FormErrorAlert failure={errors.failure} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
