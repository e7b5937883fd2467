import { Anchor, Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconPhoneIncoming, IconPhoneOutgoing, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../ui/format/datetime.js';
import { formatPhone } from '../../../ui/format/phone.js';
import { formatDuration } from '../../common/durations.js';
import { customerPath, tenantPath } from '../../common/paths.js';
import { useTenant } from '../auth/tenant-context.js';
import { callOutcomeAttr, callResult } from './call-labels.js';
import type { Call } from './call.queries.js';

/** 着信 / 発信 with its arrow; the word is there for screen readers and on hover. */
export function CallDirection({ direction }: { direction: string }) {
  const { t } = useTranslation();
  const inbound = direction !== 'out';
  const label = inbound ? t('calls.in') : t('calls.out');
  const Icon = inbound ? IconPhoneIncoming : IconPhoneOutgoing;
  return (
    <Tooltip label={label}>
      <Group gap={4} wrap="nowrap" c={inbound ? 'indigo' : 'teal'} data-direction={inbound ? 'in' : 'out'}>
        <Icon size={18} aria-hidden />
        <Text size="xs" span>
          {label}
        </Text>
      </Group>
    </Tooltip>
  );
}

/** 応答, 不在着信 … for an ended call; 呼出中, 通話中 … while it lasts. */
export function CallResultBadge({ call }: { call: Pick<Call, 'status' | 'outcome'> }) {
  const { t } = useTranslation();
  const result = callResult(call);
  return (
    <Badge color={result.color} variant={result.live ? 'outline' : 'light'}>
      {t(result.key, { defaultValue: result.value })}
    </Badge>
  );
}

/** 録音を再生: the player appears (and starts) on demand, so a long list loads no audio. */
function RecordingPlayer({ url }: { url: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (open) {
    return (
      <audio controls autoPlay src={url} aria-label={t('calls.recording')} style={{ height: 32, maxWidth: 240 }}>
        <a href={url}>{t('calls.playRecording')}</a>
      </audio>
    );
  }
  return (
    <Button size="compact-xs" variant="light" leftSection={<IconPlayerPlay size={14} aria-hidden />} onClick={() => setOpen(true)}>
      {t('calls.playRecording')}
    </Button>
  );
}

export interface CallTableProps {
  calls: readonly Call[];
  /** The customer column (the call log page); left out on a customer's own page. */
  showCustomer?: boolean;
}

/** 通話履歴: when (tenant's time), which way, who with, how it ended, who took it, how long, the recording. */
export function CallTable({ calls, showCustomer = false }: CallTableProps) {
  const { t } = useTranslation();
  const { slug, timeZone } = useTenant();
  const base = tenantPath(slug);
  const none = t('common.none');
  return (
    <Table.ScrollContainer minWidth={showCustomer ? 960 : 820}>
      <Table verticalSpacing={6} fz="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('calls.startedAt')}</Table.Th>
            <Table.Th>{t('calls.direction')}</Table.Th>
            <Table.Th>{t('calls.from')}</Table.Th>
            <Table.Th>{t('calls.to')}</Table.Th>
            {showCustomer && <Table.Th>{t('calls.customer')}</Table.Th>}
            <Table.Th>{t('calls.result')}</Table.Th>
            <Table.Th>{t('calls.agent')}</Table.Th>
            <Table.Th ta="right">{t('calls.ring')}</Table.Th>
            <Table.Th ta="right">{t('calls.talk')}</Table.Th>
            <Table.Th>{t('calls.recording')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {calls.map((call) => (
            <Table.Tr key={call.id} data-testid={`call-row-${call.id}`} data-outcome={callOutcomeAttr(call)}>
              <Table.Td>
                <Text size="sm" component="time" dateTime={call.startedAt} style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(call.startedAt, timeZone)}
                </Text>
              </Table.Td>
              <Table.Td>
                <CallDirection direction={call.direction} />
              </Table.Td>
              <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                {formatPhone(call.from)}
              </Table.Td>
              <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                {formatPhone(call.to)}
              </Table.Td>
              {showCustomer && (
                <Table.Td>
                  {call.customer ? (
                    <Anchor component={Link} to={customerPath(base, call.customer.id)} size="sm">
                      {call.customer.name}
                    </Anchor>
                  ) : (
                    <Text size="sm" c="dimmed" span>
                      {t('calls.unknownCustomer')}
                    </Text>
                  )}
                </Table.Td>
              )}
              <Table.Td>
                <CallResultBadge call={call} />
              </Table.Td>
              <Table.Td>{call.agent?.name ?? call.answeredBy ?? none}</Table.Td>
              <Table.Td ta="right" ff="monospace">
                {formatDuration(call.ringSec)}
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {formatDuration(call.talkSec)}
              </Table.Td>
              <Table.Td>{call.hasRecording && call.recordingUrl ? <RecordingPlayer url={call.recordingUrl} /> : none}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
