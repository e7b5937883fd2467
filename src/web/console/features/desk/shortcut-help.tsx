import { Group, Kbd, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { DESK_SHORTCUTS, type DeskShortcut } from './shortcuts.js';

const LABELS: Record<DeskShortcut, string> = { accept: 'desk.accept', wrapUp: 'desk.wrapUpDone', ready: 'desk.ready' };

/** The desk's keyboard shortcuts, written out once (they are in the buttons' tooltips too). */
export function ShortcutHelp() {
  const { t } = useTranslation();
  return (
    <Group gap="md" wrap="wrap" aria-label={t('desk.shortcuts')} role="note">
      {(Object.keys(DESK_SHORTCUTS) as DeskShortcut[]).map((name) => (
        <Text key={name} size="xs" c="dimmed">
          {DESK_SHORTCUTS[name].label.split(' / ').map((keys, i) => (
            <Fragment key={keys}>
              {i > 0 && ' / '}
              <Kbd size="xs">{keys}</Kbd>
            </Fragment>
          ))}{' '}
          {t(LABELS[name])}
        </Text>
      ))}
    </Group>
  );
}
