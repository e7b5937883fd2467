import { Group, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration, secondsSince, secondsUntil } from '../../common/durations.js';
import { useNow } from '../../common/use-now.js';

export interface WrapUpTimerProps {
  /** End of the wrap-up limit; null when the queue sets none. */
  until: string | null;
  /** When the contact ended (start of 後処理). */
  endedAt: string | null;
}

/** 後処理の残り時間: counts down to the limit (the slot is freed then anyway), or up when there is none. */
export function WrapUpTimer({ until, endedAt }: WrapUpTimerProps) {
  const { t } = useTranslation();
  const now = useNow(500);
  const [total] = useState(() => {
    const started = endedAt ? Date.parse(endedAt) : Date.now();
    const end = until ? Date.parse(until) : NaN;
    return Number.isFinite(end) && Number.isFinite(started) && end > started ? (end - started) / 1000 : Math.max(1, secondsUntil(until, Date.now()) ?? 1);
  });
  if (!until) {
    return (
      <Text size="sm" data-testid="wrap-up-timer">
        {t('desk.wrapUpElapsed', { time: formatDuration(secondsSince(endedAt, now)) })}
      </Text>
    );
  }
  const left = secondsUntil(until, now) ?? 0;
  const share = Math.max(0, Math.min(100, (left / total) * 100));
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm">{t('desk.wrapUpLeft')}</Text>
        <Text size="lg" fw={700} ff="monospace" c={left <= 10 ? 'red.7' : undefined} role="timer" data-testid="wrap-up-timer">
          {formatDuration(left)}
        </Text>
      </Group>
      <Progress value={share} color={left <= 10 ? 'red' : 'violet'} size="sm" aria-hidden />
    </Stack>
  );
}
