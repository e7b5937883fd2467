import { Checkbox, NumberInput, SimpleGrid, Stack, Switch, Table, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReasonCode, ReasonKind } from '../../api/routing-types.js';
import { notifyError } from '../../common/errors.js';
import { StackedForm } from '../../common/form-footer.js';
import { useFormErrors } from '../../common/form-errors.js';
import { closeOnSuccess } from '../../common/form-submit.js';
import { FormModal } from '../../common/form-modal.js';
import { AdminList } from './admin-list.js';
import { asNumber } from './queue-form.js';
import { useReasonCodes, useRemoveReasonCode, useSaveReasonCode } from './routing-admin.queries.js';

/** 理由コード: break reasons (休憩) agents pick, and dispositions (対応結果) they close contacts with. */
export function ReasonCodesTab() {
  return (
    <Stack gap="lg">
      <ReasonCodeList kind="break" />
      <ReasonCodeList kind="disposition" />
    </Stack>
  );
}

function ReasonCodeList({ kind }: { kind: ReasonKind }) {
  const { t } = useTranslation();
  const codes = useReasonCodes(kind);
  const save = useSaveReasonCode();
  const remove = useRemoveReasonCode();
  const [editing, setEditing] = useState<ReasonCode | 'new' | null>(null);
  const sorted = codes.data ? [...codes.data].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code)) : undefined;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t(`routingAdmin.reasons.title.${kind}`)}
      </Title>
      <AdminList
        query={{ ...codes, data: sorted }}
        addLabel={t(`routingAdmin.reasons.add.${kind}`)}
        onAdd={() => setEditing('new')}
        emptyText={t('routingAdmin.reasons.empty')}
        head={
          <>
            <Table.Th>{t('routingAdmin.reasons.code')}</Table.Th>
            <Table.Th>{t('routingAdmin.reasons.label')}</Table.Th>
            <Table.Th ta="right">{t('routingAdmin.reasons.sortOrder')}</Table.Th>
            <Table.Th>{t('routingAdmin.reasons.active')}</Table.Th>
          </>
        }
        cells={(code) => (
          <>
            <Table.Td ff="monospace">{code.code}</Table.Td>
            <Table.Td fw={600}>{code.label}</Table.Td>
            <Table.Td ta="right">{code.sortOrder}</Table.Td>
            <Table.Td>
              <Switch
                checked={code.active}
                aria-label={t('routingAdmin.reasons.activeNamed', { name: code.label })}
                onChange={(e) => save.mutate({ id: code.id, input: { active: e.currentTarget.checked } }, { onError: notifyError })}
              />
            </Table.Td>
          </>
        )}
        rowKey={(code) => code.id}
        rowName={(code) => code.label}
        onEdit={setEditing}
        onDelete={(code) => remove.mutateAsync(code.id)}
      />
      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t(`routingAdmin.reasons.add.${kind}`) : t('routingAdmin.reasons.edit')}
      >
        {editing !== null && (
          <ReasonCodeForm kind={kind} code={editing === 'new' ? null : editing} nextOrder={(sorted?.at(-1)?.sortOrder ?? 0) + 10} onDone={() => setEditing(null)} />
        )}
      </FormModal>
    </Stack>
  );
}

function ReasonCodeForm({ kind, code, nextOrder, onDone }: { kind: ReasonKind; code: ReasonCode | null; nextOrder: number; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveReasonCode();
  const errors = useFormErrors();
  const [value, setValue] = useState(code?.code ?? '');
  const [label, setLabel] = useState(code?.label ?? '');
  const [active, setActive] = useState(code?.active ?? true);
  const [sortOrder, setSortOrder] = useState<number | ''>(code?.sortOrder ?? nextOrder);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const ok = errors.validate({
      code: !value.trim() ? t('common.required') : !/^[a-z0-9_-]{1,40}$/.test(value.trim()) && t('routingAdmin.validation.code'),
      label: !label.trim() && t('common.required'),
    });
    if (!ok) return;
    errors.reset();
    save.mutate(
      {
        id: code?.id ?? null,
        // The kind is fixed once created (PATCH does not take it).
        input: { ...(code ? {} : { kind }), code: value.trim(), label: label.trim(), active, sortOrder: sortOrder === '' ? 0 : sortOrder },
      },
      closeOnSuccess(t('routingAdmin.saved'), onDone, errors.setFailure),
    );
  };

  return (
    <StackedForm onSubmit={onSubmit} failure={errors.failure} submitLabel={t('common.save')} pending={save.isPending} onCancel={onDone}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('routingAdmin.reasons.code')}
          description={t('routingAdmin.reasons.codeHint')}
          required
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={errors.fieldError('code')}
          data-autofocus
        />
        <TextInput label={t('routingAdmin.reasons.label')} required value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={errors.fieldError('label')} />
        <NumberInput
          label={t('routingAdmin.reasons.sortOrder')}
          min={0}
          max={10_000}
          allowDecimal={false}
          value={sortOrder}
          onChange={(v) => setSortOrder(asNumber(v))}
          error={errors.fieldError('sortOrder')}
        />
        <Checkbox mt="xl" label={t('routingAdmin.reasons.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
      </SimpleGrid>
    </StackedForm>
  );
}
