import { Group, Text, Textarea } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../common/errors.js';
import { useAgentCommand } from './agent.queries.js';

const SAVE_AFTER_MS = 1500;

export interface NotesFieldProps {
  contactId: string;
  /** The text shown (the draft, else the notes saved on the interaction). */
  value: string;
  /** The notes the server has. */
  saved: string;
  onChange: (notes: string) => void;
}

type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/** 対応メモ: saved to the interaction a moment after typing stops, and on leaving the field. */
export function NotesField({ contactId, value, saved, onChange }: NotesFieldProps) {
  const { t } = useTranslation();
  const command = useAgentCommand({ silent: true });
  const [state, setState] = useState<SaveState>('idle');
  const [failure, setFailure] = useState<unknown>(null);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef({ value, saved });
  latest.current = { value, saved };

  const save = () => {
    window.clearTimeout(timer.current);
    const { value: text, saved: onServer } = latest.current;
    if (text === onServer) return;
    setState('saving');
    command.mutate(
      { kind: 'notes', contactId, notes: text },
      {
        onSuccess: () => setState('saved'),
        onError: (error) => {
          setFailure(error);
          setState('failed');
        },
      },
    );
  };

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const dirty = value !== saved;
  const status =
    state === 'saving' ? t('desk.notesSaving') : state === 'failed' ? errorMessage(failure) : dirty ? t('desk.notesUnsaved') : state === 'saved' ? t('desk.notesSaved') : '';

  return (
    <div>
      <Textarea
        label={t('desk.notes')}
        autosize
        minRows={4}
        maxRows={12}
        value={value}
        onChange={(event) => {
          onChange(event.currentTarget.value);
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(save, SAVE_AFTER_MS);
        }}
        onBlur={save}
      />
      <Group justify="flex-end" mih={20}>
        <Text size="xs" c={state === 'failed' ? 'red.7' : 'dimmed'} aria-live="polite">
          {status}
        </Text>
      </Group>
    </div>
  );
}
