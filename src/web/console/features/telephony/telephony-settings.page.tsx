import { Alert, Stack } from '@mantine/core';
import { ForbiddenNotice } from '../../common/forbidden-notice.js';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/page-header.js';
import { LoadError, LoadingState } from '../../common/load-state.js';
import { useTenant } from '../auth/tenant-context.js';
import { CtiTokenCard } from './cti-token-card.js';
import { TelephonySettingsForm } from './telephony-settings-form.js';
import { useTelephonySettings } from './telephony.queries.js';

/**
 * /t/:tenant/admin/telephony — 電話設定 (admins): Twilio credentials and the browser softphone,
 * blocked numbers, and the CTI webhook's token for a PBX. Secrets go in and never come back.
 */
export function TelephonySettingsPage() {
  const { t } = useTranslation();
  const { can, membership } = useTenant();
  if (!can('telephony:admin')) {
    return <ForbiddenNotice />;
  }
  return (
    <Stack gap="md">
      <PageHeader title={t('telephony.title')} subtitle={membership.tenantName} />
      <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
        {t('telephony.help')}
      </Alert>
      <TelephonySettingsContent />
    </Stack>
  );
}

function TelephonySettingsContent() {
  const settings = useTelephonySettings();
  if (settings.isPending) return <LoadingState />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <Stack gap="md">
      <TelephonySettingsForm settings={settings.data} />
      <CtiTokenCard settings={settings.data} />
    </Stack>
  );
}
