import { Badge, Button, Group, Paper, Text } from '@mantine/core';
import { IconMicrophone, IconMicrophoneOff, IconPhone, IconPhoneOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SoftphoneLine } from './softphone-state.js';
import type { Softphones } from './use-softphones.js';

const COLORS: Record<SoftphoneLine['registration'], string> = { connecting: 'gray', ready: 'teal', offline: 'gray', failed: 'red' };

/** The browser softphones' state, and the buttons of a call ringing or in progress on one. */
export function SoftphonePanel({ phones }: { phones: Softphones }) {
  const { t } = useTranslation();
  if (phones.lines.length === 0) return null;
  return (
    <Paper withBorder p="xs" aria-label={t('desk.softphone.title')} data-testid="softphone">
      {phones.lines.map((line) => (
        <Group key={line.tenantId} gap="sm" wrap="wrap" data-testid="softphone-line" data-registration={line.registration}>
          <Text size="sm" fw={600}>
            {t('desk.softphone.title')}
          </Text>
          {phones.lines.length > 1 && <Text size="sm">{line.tenantName}</Text>}
          <Badge variant="dot" color={COLORS[line.registration]}>
            {t(`desk.softphone.${line.registration}`)}
          </Badge>
          {line.registration === 'failed' && line.error && (
            <Text size="xs" c="red" role="status">
              {line.error.code !== null ? `${line.error.code}: ` : ''}
              {line.error.message}
            </Text>
          )}
          {line.call?.phase === 'ringing' && (
            <>
              <Text size="sm" role="status">
                {t('desk.softphone.ringing', { from: line.call.from })}
              </Text>
              <Button size="compact-sm" color="teal" leftSection={<IconPhone size={14} aria-hidden />} onClick={() => phones.answer(line.tenantId)}>
                {t('desk.softphone.answer')}
              </Button>
              <Button size="compact-sm" variant="default" onClick={() => phones.decline(line.tenantId)}>
                {t('desk.softphone.decline')}
              </Button>
            </>
          )}
          {line.call?.phase === 'in_call' && (
            <>
              <Text size="sm" role="status">
                {t('desk.softphone.inCall', { from: line.call.from })}
              </Text>
              <Button
                size="compact-sm"
                variant="default"
                aria-pressed={line.call.muted}
                leftSection={line.call.muted ? <IconMicrophoneOff size={14} aria-hidden /> : <IconMicrophone size={14} aria-hidden />}
                onClick={() => phones.setMuted(line.tenantId, !line.call?.muted)}
              >
                {line.call.muted ? t('desk.softphone.unmute') : t('desk.softphone.mute')}
              </Button>
              <Button size="compact-sm" color="red" leftSection={<IconPhoneOff size={14} aria-hidden />} onClick={() => phones.hangUp(line.tenantId)}>
                {t('desk.softphone.hangUp')}
              </Button>
            </>
          )}
        </Group>
      ))}
    </Paper>
  );
}
