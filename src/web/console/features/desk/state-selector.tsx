import { Badge, Button, Card, Group, Menu, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconCoffee, IconLogout, IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AgentMe, PresenceRequest } from '../../api/routing-types.js';
import { formatDuration, secondsSince } from '../../common/durations.js';
import { useNow } from '../../common/use-now.js';
import { activityColor } from './activity.js';
import { breakReasonLabel, uniqueBreakReasons } from './desk-state.js';
import { withShortcut } from './shortcuts.js';

export interface StateSelectorProps {
  me: AgentMe;
  pending: boolean;
  onChange: (request: PresenceRequest) => void;
}

/** 受付可 / 休憩（理由）/ ログオフ, and what the agent is doing now with the time in that state. */
export function StateSelector({ me, pending, onChange }: StateSelectorProps) {
  const { t } = useTranslation();
  const now = useNow();
  const reasons = uniqueBreakReasons(me.breakReasons);
  const reasonLabel = breakReasonLabel(me);
  const activityText = t(`activities.${me.activity}`, { defaultValue: me.activity });
  return (
    <Card withBorder radius="md" padding="sm" component="section" aria-label={t('desk.stateTitle')}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="nowrap" aria-live="polite">
          <Badge size="xl" radius="sm" variant="filled" tt="none" color={activityColor(me.activity)} data-testid="agent-activity">
            {reasonLabel && me.activity === 'break' ? `${activityText}（${reasonLabel}）` : activityText}
          </Badge>
          <Text size="xl" fw={700} ff="monospace" data-testid="agent-time-in-state" aria-label={t('desk.timeInState')}>
            {formatDuration(secondsSince(me.since, now))}
          </Text>
        </Group>
        <Group gap="xs" wrap="wrap">
          <Tooltip label={withShortcut(t('desk.ready'), 'ready')}>
            <Button
              color="teal"
              variant={me.presence === 'available' ? 'filled' : 'light'}
              leftSection={<IconPlayerPlay size={16} aria-hidden />}
              aria-pressed={me.presence === 'available'}
              loading={pending}
              onClick={() => onChange({ change: 'ready' })}
            >
              {t('desk.ready')}
            </Button>
          </Tooltip>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                color="yellow"
                variant={me.presence === 'break' ? 'filled' : 'light'}
                leftSection={<IconCoffee size={16} aria-hidden />}
                rightSection={<IconChevronDown size={14} aria-hidden />}
                aria-pressed={me.presence === 'break'}
                disabled={pending}
              >
                {t('desk.break')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t('desk.breakReason')}</Menu.Label>
              {reasons.length === 0 ? (
                <Menu.Item onClick={() => onChange({ change: 'break' })}>{t('desk.break')}</Menu.Item>
              ) : (
                reasons.map((reason) => (
                  <Menu.Item key={reason.code} onClick={() => onChange({ change: 'break', reason: reason.code })}>
                    {reason.label}
                  </Menu.Item>
                ))
              )}
            </Menu.Dropdown>
          </Menu>
          <Button
            color="gray"
            variant={me.presence === 'offline' ? 'filled' : 'default'}
            leftSection={<IconLogout size={16} aria-hidden />}
            aria-pressed={me.presence === 'offline'}
            disabled={pending}
            onClick={() => onChange({ change: 'logout' })}
          >
            {t('desk.logoff')}
          </Button>
        </Group>
      </Group>
      {me.presence === 'missed' && (
        <Text size="sm" c="red.7" mt="xs" role="alert">
          {t('desk.missedHint')}
        </Text>
      )}
    </Card>
  );
}
