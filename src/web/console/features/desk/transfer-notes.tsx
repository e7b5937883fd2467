import { Alert, Stack, Text } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TransferNote } from '../../api/routing-types.js';
import { formatDateTime } from '../../../ui/format/datetime.js';

/** 転送メモ: what colleagues wrote when they passed this contact on, so nobody asks the customer twice. */
export function TransferNotes({ notes, timeZone }: { notes: TransferNote[]; timeZone: string }) {
  const { t } = useTranslation();
  if (notes.length === 0) return null;
  return (
    <Alert color="blue" variant="light" icon={<IconArrowsExchange size={18} aria-hidden />} title={t('desk.transferNotes')} data-testid="transfer-notes">
      <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {notes.map((note, index) => (
          <li key={`${note.at}-${index}`}>
            <Text size="xs" c="dimmed">
              {t('desk.transferNoteFrom', { name: note.fromName })} ・ <time dateTime={note.at}>{formatDateTime(note.at, timeZone)}</time>
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {note.note}
            </Text>
          </li>
        ))}
      </Stack>
    </Alert>
  );
}
