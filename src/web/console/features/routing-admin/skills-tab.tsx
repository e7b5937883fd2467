import { Table, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Skill } from '../../api/routing-types.js';
import { StackedForm } from '../../common/form-footer.js';
import { useFormErrors } from '../../common/form-errors.js';
import { closeOnSuccess } from '../../common/form-submit.js';
import { FormModal } from '../../common/form-modal.js';
import { AdminList } from './admin-list.js';
import { useRemoveSkill, useSaveSkill, useSkills } from './routing-admin.queries.js';

/** スキル: what queues require and agents have (製品知識, 英語対応 …), with levels 1–10 elsewhere. */
export function SkillsTab() {
  const { t } = useTranslation();
  const skills = useSkills();
  const remove = useRemoveSkill();
  const [editing, setEditing] = useState<Skill | 'new' | null>(null);
  return (
    <>
      <AdminList
        query={skills}
        addLabel={t('routingAdmin.skills.add')}
        onAdd={() => setEditing('new')}
        emptyText={t('routingAdmin.skills.empty')}
        head={<Table.Th>{t('routingAdmin.skills.name')}</Table.Th>}
        cells={(skill) => <Table.Td fw={600}>{skill.name}</Table.Td>}
        rowKey={(skill) => skill.id}
        rowName={(skill) => skill.name}
        onEdit={setEditing}
        onDelete={(skill) => remove.mutateAsync(skill.id)}
      />
      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('routingAdmin.skills.add') : t('routingAdmin.skills.edit')}
      >
        {editing !== null && <SkillForm skill={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </FormModal>
    </>
  );
}

function SkillForm({ skill, onDone }: { skill: Skill | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveSkill();
  const errors = useFormErrors();
  const [name, setName] = useState(skill?.name ?? '');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.validate({ name: !name.trim() && t('common.required') })) return;
    errors.reset();
    save.mutate(
      { id: skill?.id ?? null, input: { name: name.trim() } },
      closeOnSuccess(t('routingAdmin.saved'), onDone, errors.setFailure),
    );
  };
  return (
    <StackedForm onSubmit={onSubmit} failure={errors.failure} submitLabel={t('common.save')} pending={save.isPending} onCancel={onDone}>
      <TextInput label={t('routingAdmin.skills.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.fieldError('name')} data-autofocus />
    </StackedForm>
  );
}
