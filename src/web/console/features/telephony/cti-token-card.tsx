import { ActionIcon, Alert, Badge, Button, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../ui/confirm-button.js';
import { SectionCard } from '../../../ui/section-card.js';
import { notifyError } from '../../common/errors.js';
import { useRotateCtiToken, type TelephonySettings } from './telephony.queries.js';

/** A value in monospace with a copy button beside it. */
function CopyableValue({ value, label, testId }: { value: string; label: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Code block style={{ flex: 1, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid={testId} aria-label={label}>
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('telephony.copied') : t('telephony.copy')}>
            <ActionIcon variant="default" size="lg" onClick={copy} aria-label={t('telephony.copyNamed', { name: label })}>
              {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

/**
 * CTI 連携: whether a token exists, the webhook address the PBX posts to, and a rotation whose new
 * token is shown this once (only its hash is kept) with its full webhook URL to copy.
 */
export function CtiTokenCard({ settings }: { settings: TelephonySettings }) {
  const { t } = useTranslation();
  const rotate = useRotateCtiToken();
  const issued = rotate.data;
  const onRotate = () => rotate.mutate(undefined, { onError: notifyError });
  return (
    <SectionCard title={t('telephony.cti.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('telephony.cti.hint')}</Text>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('telephony.cti.token')}:
          </Text>
          <Badge color={settings.cti.tokenSet ? 'teal' : 'gray'} variant="light" data-testid="cti-token-state">
            {settings.cti.tokenSet ? t('telephony.cti.tokenSet') : t('telephony.cti.tokenNotSet')}
          </Badge>
        </Group>
        <div>
          <Text size="sm" c="dimmed" mb={4}>
            {t('telephony.cti.webhookShape')}
          </Text>
          <CopyableValue value={settings.cti.webhookUrl} label={t('telephony.cti.webhookShape')} testId="cti-webhook-shape" />
        </div>
        {issued && (
          <Alert color="orange" variant="light" icon={<IconKey size={18} aria-hidden />} title={t('telephony.cti.issuedTitle')} role="status">
            <Stack gap="xs">
              <Text size="sm">{t('telephony.cti.issuedOnce')}</Text>
              <Text size="sm" fw={600}>
                {t('telephony.cti.token')}
              </Text>
              <CopyableValue value={issued.token} label={t('telephony.cti.token')} testId="cti-token" />
              <Text size="sm" fw={600}>
                {t('telephony.cti.webhookUrl')}
              </Text>
              <CopyableValue value={issued.webhookUrl} label={t('telephony.cti.webhookUrl')} testId="cti-webhook-url" />
            </Stack>
          </Alert>
        )}
        <Group>
          {settings.cti.tokenSet ? (
            <ConfirmButton
              variant="default"
              leftSection={<IconKey size={16} aria-hidden />}
              loading={rotate.isPending}
              question={t('telephony.cti.rotateQuestion')}
              confirmLabel={t('telephony.cti.rotateConfirm')}
              cancelLabel={t('common.cancel')}
              onConfirm={onRotate}
            >
              {t('telephony.cti.rotate')}
            </ConfirmButton>
          ) : (
            <Button leftSection={<IconKey size={16} aria-hidden />} loading={rotate.isPending} onClick={onRotate}>
              {t('telephony.cti.issue')}
            </Button>
          )}
        </Group>
      </Stack>
    </SectionCard>
  );
}
