import { Checkbox, Group, NativeSelect, Radio, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, DIRECTIONS, type CasePriority, type Channel, type Direction, type InteractionCreate } from '../../api/types.js';
import { errorMessage, notifySuccess } from '../../common/errors.js';
import { StackedForm } from '../../common/form-footer.js';
import { useFormErrors } from '../../common/form-errors.js';
import { FormModal } from '../../common/form-modal.js';
import { CasePrioritySelect } from '../cases/case-priority-select.js';
import { useLogInteraction } from './interaction.queries.js';

export interface LogInteractionModalProps {
  opened: boolean;
  onClose: () => void;
  customerId?: string | null;
  /** Set on a case page: the interaction is added to that case (and no new case is offered). */
  caseId?: string | null;
}

/** 対応を記録: what the customer asked and how it was answered, on any channel. */
export function LogInteractionModal({ opened, onClose, customerId, caseId }: LogInteractionModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={opened} onClose={onClose} title={t('interactions.logTitle')} size="lg">
      <LogInteractionForm customerId={customerId ?? null} caseId={caseId ?? null} onDone={onClose} />
    </FormModal>
  );
}

function LogInteractionForm({ customerId, caseId, onDone }: { customerId: string | null; caseId: string | null; onDone: () => void }) {
  const { t } = useTranslation();
  const log = useLogInteraction();
  const errors = useFormErrors();
  const [channel, setChannel] = useState<Channel>('phone');
  const [direction, setDirection] = useState<Direction>('inbound');
  const [subject, setSubject] = useState('');
  const [notes, setNotes] = useState('');
  const [disposition, setDisposition] = useState('');
  const [withCase, setWithCase] = useState(false);
  const [caseTitle, setCaseTitle] = useState('');
  const [casePriority, setCasePriority] = useState<CasePriority>('normal');
  const offerCase = !caseId;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const wantsCase = offerCase && withCase;
    if (!errors.validate({ caseTitle: wantsCase && !caseTitle.trim() && t('common.required') })) return;
    errors.reset();
    const interaction: InteractionCreate = { channel, direction };
    if (customerId) interaction.customerId = customerId;
    if (caseId) interaction.caseId = caseId;
    if (subject.trim()) interaction.subject = subject.trim();
    if (notes.trim()) interaction.notes = notes.trim();
    if (disposition.trim()) interaction.disposition = disposition.trim();
    log.mutate(
      { interaction, ...(wantsCase ? { createCase: { title: caseTitle.trim(), priority: casePriority } } : {}) },
      {
        onSuccess: ({ createdCase, caseError }) => {
          if (caseError) {
            notifications.show({ color: 'orange', title: t('interactions.caseFailed'), message: errorMessage(caseError) });
          } else if (createdCase) {
            notifySuccess(`${t('interactions.logged')} ${t('caseForm.created', { number: createdCase.displayNumber })}`);
          } else {
            notifySuccess(t('interactions.logged'));
          }
          onDone();
        },
        onError: errors.setFailure,
      },
    );
  };

  return (
    <StackedForm onSubmit={onSubmit} failure={errors.failure} submitLabel={t('interactions.submit')} pending={log.isPending} onCancel={onDone}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NativeSelect
          label={t('interactions.channel')}
          value={channel}
          onChange={(e) => setChannel(e.currentTarget.value as Channel)}
          data={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
          error={errors.fieldError('channel')}
          data-autofocus
        />
        <Radio.Group
          label={t('interactions.direction')}
          value={direction}
          onChange={(value) => setDirection(value as Direction)}
          error={errors.fieldError('direction')}
        >
          <Group mt={8}>
            {DIRECTIONS.map((d) => (
              <Radio key={d} value={d} label={t(`directions.${d}`)} />
            ))}
          </Group>
        </Radio.Group>
      </SimpleGrid>
      <TextInput
        label={t('interactions.subject')}
        value={subject}
        onChange={(e) => setSubject(e.currentTarget.value)}
        error={errors.fieldError('subject')}
      />
      <Textarea
        label={t('interactions.notes')}
        autosize
        minRows={4}
        maxRows={12}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        error={errors.fieldError('notes')}
      />
      <TextInput
        label={t('interactions.disposition')}
        placeholder={t('interactions.dispositionPlaceholder')}
        value={disposition}
        onChange={(e) => setDisposition(e.currentTarget.value)}
        error={errors.fieldError('disposition')}
      />
      {offerCase && (
        <Checkbox
          label={t('interactions.createCase')}
          checked={withCase}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            setWithCase(checked);
            if (checked && !caseTitle) setCaseTitle(subject.trim());
          }}
        />
      )}
      {offerCase && withCase && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('interactions.caseTitle')}
            required
            value={caseTitle}
            onChange={(e) => setCaseTitle(e.currentTarget.value)}
            error={errors.fieldError('caseTitle')}
          />
          <CasePrioritySelect label={t('interactions.casePriority')} value={casePriority} onChange={setCasePriority} />
        </SimpleGrid>
      )}
    </StackedForm>
  );
}
