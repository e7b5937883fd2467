import { SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../common/errors.js';
import { FormFooter } from '../../common/form-footer.js';
import { useFormErrors } from '../../common/form-errors.js';
import { FormModal } from '../../common/form-modal.js';
import { LoadError, LoadingState } from '../../common/load-state.js';
import { useAgentCommand, useTransferTargets } from './agent.queries.js';
import { withDeskMessage } from './desk-errors.js';
import { targetOptions, type TargetKind } from './transfer-options.js';

/** A transfer to a queue already chosen, with a note to start from (a talk flow's escalation). */
export interface TransferPreset {
  queueId: string | null;
  note: string;
}

export interface TransferDialogProps {
  opened: boolean;
  onClose: () => void;
  contactId: string;
  preset?: TransferPreset | null;
}

/** 転送・相談: send the contact to a queue or a colleague with a note, or ask a colleague first. */
export function TransferDialog({ opened, onClose, contactId, preset }: TransferDialogProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={opened} onClose={onClose} title={t('desk.transferTitle')} size="md">
      {opened && <TransferForm contactId={contactId} onDone={onClose} preset={preset ?? null} />}
    </FormModal>
  );
}

type Mode = 'transfer' | 'consult';

function TransferForm({ contactId, onDone, preset }: { contactId: string; onDone: () => void; preset: TransferPreset | null }) {
  const { t } = useTranslation();
  const targets = useTransferTargets(contactId, true);
  const command = useAgentCommand({ silent: true });
  const errors = useFormErrors();
  const [mode, setMode] = useState<Mode>('transfer');
  const [kind, setKind] = useState<TargetKind>('queue');
  const [target, setTarget] = useState<string | null>(preset?.queueId ?? null);
  const [note, setNote] = useState(preset?.note ?? '');
  const toAgent = mode === 'consult' || kind === 'agent';

  if (targets.isPending) return <LoadingState />;
  if (targets.isError) return <LoadError error={targets.error} onRetry={() => void targets.refetch()} />;

  const options = targetOptions(targets.data, toAgent ? 'agent' : 'queue', (activity) => t(`activities.${activity}`, { defaultValue: activity }), (n) =>
    t('desk.waitingCount', { count: n }),
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.validate({ target: !target && t('common.required'), note: !note.trim() && t('desk.transferNoteRequired') })) return;
    errors.reset();
    const targetId = target ?? '';
    const request =
      mode === 'consult'
        ? ({ kind: 'consult', contactId, body: { agentId: targetId, note } } as const)
        : ({ kind: 'transfer', contactId, body: toAgent ? { agentId: targetId, note } : { queueId: targetId, note } } as const);
    command.mutate(request, {
      onSuccess: () => {
        notifySuccess(mode === 'consult' ? t('desk.consultSent') : t('desk.transferred'));
        onDone();
      },
      onError: (error) => errors.setFailure(withDeskMessage(request, error)),
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <SegmentedControl
          value={mode}
          onChange={(value) => {
            setMode(value as Mode);
            setTarget(null);
          }}
          data={[
            { value: 'transfer', label: t('desk.transfer') },
            { value: 'consult', label: t('desk.consult') },
          ]}
          aria-label={t('desk.transferMode')}
        />
        {mode === 'transfer' && (
          <SegmentedControl
            value={kind}
            onChange={(value) => {
              setKind(value as TargetKind);
              setTarget(null);
            }}
            data={[
              { value: 'queue', label: t('desk.toQueue') },
              { value: 'agent', label: t('desk.toAgent') },
            ]}
            aria-label={t('desk.transferTarget')}
          />
        )}
        {mode === 'consult' && (
          <Text size="sm" c="dimmed">
            {t('desk.consultHint')}
          </Text>
        )}
        <Select
          label={toAgent ? t('desk.agent') : t('desk.queue')}
          data={options}
          value={target}
          onChange={setTarget}
          searchable
          required
          nothingFoundMessage={t('desk.noTargets')}
          error={errors.fieldError('target') ?? errors.fieldError(toAgent ? 'agentId' : 'queueId')}
          comboboxProps={{ withinPortal: true }}
          data-autofocus
        />
        <Textarea
          label={t('desk.transferNote')}
          description={t('desk.transferNoteHint')}
          autosize
          minRows={3}
          required
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.fieldError('note')}
        />
        <FormFooter
          failure={errors.failure}
          submitLabel={mode === 'consult' ? t('desk.consultSubmit') : t('desk.transferSubmit')}
          pending={command.isPending}
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}
