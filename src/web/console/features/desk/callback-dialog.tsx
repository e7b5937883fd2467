import { Checkbox, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackCreate, WorkItem } from '../../api/routing-types.js';
import { StackedForm } from '../../common/form-footer.js';
import { useFormErrors } from '../../common/form-errors.js';
import { closeOnSuccess } from '../../common/form-submit.js';
import { FormModal } from '../../common/form-modal.js';
import { ZonedDateTimeInput } from '../../../ui/zoned-date-time-input.js';
import { useTenant } from '../auth/tenant-context.js';
import { prefillFromQuery } from '../customers/customer-form.js';
import { useCreateCallback, useTransferTargets } from './agent.queries.js';
import { defaultCallbackTime } from './callback-time.js';

export interface CallbackDialogProps {
  opened: boolean;
  onClose: () => void;
  item: WorkItem;
  agentId: string;
  customerId: string | null;
}

/** 折り返し予約: a callback routed back at the chosen time, to this agent first if they promised it. */
export function CallbackDialog({ opened, onClose, item, agentId, customerId }: CallbackDialogProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={opened} onClose={onClose} title={t('desk.callbackTitle')} size="md">
      {opened && <CallbackForm item={item} agentId={agentId} customerId={customerId} onDone={onClose} />}
    </FormModal>
  );
}

function CallbackForm({ item, agentId, customerId, onDone }: Omit<CallbackDialogProps, 'opened' | 'onClose'> & { onDone: () => void }) {
  const { t } = useTranslation();
  const { timeZone } = useTenant();
  const create = useCreateCallback();
  const errors = useFormErrors();
  const targets = useTransferTargets(item.contact.id, true);
  const [queueId, setQueueId] = useState<string | null>(item.contact.queueId);
  const [dueAt, setDueAt] = useState<string | null>(() => defaultCallbackTime(Date.now()));
  // The caller's number, or a number the chat or LINE handle happens to be.
  const [phone, setPhone] = useState(() => (item.contact.channel === 'voice' ? (item.contact.from ?? '') : (prefillFromQuery(item.contact.from ?? '').phone ?? '')));
  const [note, setNote] = useState(item.contact.subject ?? '');
  const [mine, setMine] = useState(true);

  const queues = [
    { value: item.contact.queueId, label: item.queueName },
    ...(targets.data?.queues ?? []).filter((q) => q.id !== item.contact.queueId).map((q) => ({ value: q.id, label: q.name })),
  ];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const ok = errors.validate({
      queueId: !queueId && t('common.required'),
      dueAt: !dueAt ? t('common.required') : Date.parse(dueAt) <= Date.now() && t('desk.callbackInPast'),
    });
    if (!ok || !queueId || !dueAt) return;
    errors.reset();
    const body: CallbackCreate = { queueId, dueAt, fromContactId: item.contact.id };
    if (customerId) body.customerId = customerId;
    if (phone.trim()) body.phone = phone.trim();
    if (note.trim()) body.note = note.trim();
    if (mine) body.preferredAgentId = agentId;
    create.mutate(body, closeOnSuccess(t('desk.callbackScheduled'), onDone, errors.setFailure));
  };

  return (
    <StackedForm onSubmit={onSubmit} failure={errors.failure} submitLabel={t('desk.callbackSubmit')} pending={create.isPending} onCancel={onDone}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <ZonedDateTimeInput label={t('desk.callbackDueAt')} value={dueAt} onChange={setDueAt} timeZone={timeZone} error={errors.fieldError('dueAt')} />
        <Select
          label={t('desk.queue')}
          data={queues}
          value={queueId}
          onChange={setQueueId}
          required
          error={errors.fieldError('queueId')}
          comboboxProps={{ withinPortal: true }}
        />
      </SimpleGrid>
      <TextInput label={t('desk.callbackPhone')} type="tel" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={errors.fieldError('phone')} />
      <Textarea label={t('desk.callbackNote')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.fieldError('note')} />
      <Checkbox label={t('desk.callbackMine')} checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} />
    </StackedForm>
  );
}
