import { Button, Card, Group, Progress, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconPhoneCall, IconPhoneOff, IconPhoneIncoming } from '@tabler/icons-react';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkItem } from '../../api/routing-types.js';
import { secondsUntil } from '../../common/durations.js';
import { useNow } from '../../common/use-now.js';
import { useTenant } from '../auth/tenant-context.js';
import { ContactSummary } from './contact-summary.js';
import { withShortcut } from './shortcuts.js';
import { TransferNotes } from './transfer-notes.js';

export interface OfferCardProps {
  item: WorkItem;
  /** The offer the accept shortcut answers (the first to expire). */
  primary: boolean;
  accepting: boolean;
  rejecting: boolean;
  onAccept: () => void;
  onReject: () => void;
  /** The screen pop, shown before answering. */
  children: ReactNode;
}

/**
 * 着信: a ringing offer with its countdown, 応答 / 拒否, who is calling and, for a transferred
 * contact, the colleagues' 転送メモ (read before answering, so the customer is not asked twice).
 * Renders inside the contact's tenant.
 */
export function OfferCard({ item, primary, accepting, rejecting, onAccept, onReject, children }: OfferCardProps) {
  const { t } = useTranslation();
  const { timeZone } = useTenant();
  const headingId = useId();
  const now = useNow(250);
  const left = secondsUntil(item.expiresAt, now);
  // The offer timeout is not in the item: the first remaining time seen is the full bar.
  const [total] = useState(() => Math.max(1, secondsUntil(item.expiresAt, Date.now()) ?? 1));
  const share = left === null ? 0 : Math.min(100, (left / total) * 100);
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="section"
      aria-labelledby={headingId}
      data-testid={`offer-${item.contact.id}`}
      style={{ borderColor: 'var(--mantine-color-orange-5)', borderWidth: 2 }}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon color="orange" size="xl" radius="xl" aria-hidden className="madoguchi-ringing">
              <IconPhoneIncoming size={22} />
            </ThemeIcon>
            <div>
              <Title order={2} size="h3" id={headingId}>
                {t('desk.incoming')}
              </Title>
              <Text size="sm" c="dimmed" role="timer" aria-live="off" data-testid="offer-countdown">
                {t('desk.expiresIn', { seconds: left ?? 0 })}
              </Text>
            </div>
          </Group>
          <Group gap="sm">
            <Tooltip label={primary ? withShortcut(t('desk.accept'), 'accept') : t('desk.accept')}>
              <Button size="lg" color="teal" leftSection={<IconPhoneCall size={20} aria-hidden />} loading={accepting} disabled={rejecting} onClick={onAccept}>
                {t('desk.accept')}
              </Button>
            </Tooltip>
            <Button size="lg" color="red" variant="light" leftSection={<IconPhoneOff size={20} aria-hidden />} loading={rejecting} disabled={accepting} onClick={onReject}>
              {t('desk.reject')}
            </Button>
          </Group>
        </Group>
        <Progress value={share} color={share < 30 ? 'red' : 'orange'} size="sm" aria-hidden transitionDuration={250} />
        <ContactSummary item={item} />
        <TransferNotes notes={item.transferNotes} timeZone={timeZone} />
        {children}
      </Stack>
    </Card>
  );
}
