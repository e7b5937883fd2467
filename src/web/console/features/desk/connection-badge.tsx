import { Badge, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SocketStatus } from '../../common/use-json-socket.js';

const COLORS: Record<SocketStatus, string> = { open: 'teal', connecting: 'gray', reconnecting: 'orange', closed: 'gray' };

/** Whether the live line to the server is up (offers and wallboard figures only arrive over it). */
export function ConnectionBadge({ status, onReconnect }: { status: SocketStatus; onReconnect?: () => void }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" aria-live="polite">
      <Badge variant="dot" color={COLORS[status]} data-testid="socket-status" data-status={status}>
        {t(`live.${status}`)}
      </Badge>
      {status === 'reconnecting' && onReconnect && (
        <Button size="compact-xs" variant="subtle" onClick={onReconnect}>
          {t('live.retryNow')}
        </Button>
      )}
    </Group>
  );
}
