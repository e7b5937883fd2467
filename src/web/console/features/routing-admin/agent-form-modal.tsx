import { Alert, Checkbox, NumberInput, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { ROUTING_CHANNELS, type RoutingAgent, type Skill } from '../../api/routing-types.js';
import { StackedForm } from '../../common/form-footer.js';
import { useFormErrors } from '../../common/form-errors.js';
import { closeOnSuccess } from '../../common/form-submit.js';
import { issueMessages } from './validation.js';
import { FormModal } from '../../common/form-modal.js';
import { CAPACITY_LIMITS, agentToForm, formToAgentInput, validateAgentForm, type AgentFormValues, type AgentSkillRow } from './agent-form.js';
import { asNumber } from './queue-form.js';
import { RowList } from './row-list.js';
import { SkillLevelInputs } from './skill-level-inputs.js';
import { useSaveAgent } from './routing-admin.queries.js';

export function AgentFormModal({ agent, onClose, skills }: { agent: RoutingAgent | null; onClose: () => void; skills: Skill[] }) {
  const { t } = useTranslation();
  return (
    <FormModal opened={agent !== null} onClose={onClose} title={agent ? t('routingAdmin.agents.editNamed', { name: agent.displayName }) : ''} size="lg">
      {agent && <AgentForm agent={agent} skills={skills} onDone={onClose} />}
    </FormModal>
  );
}

function AgentForm({ agent, skills, onDone }: { agent: RoutingAgent; skills: Skill[]; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveAgent();
  const errors = useFormErrors();
  const [values, setValues] = useState<AgentFormValues>(() => agentToForm(agent));
  const onChange = (patch: Partial<AgentFormValues>) => setValues((v) => ({ ...v, ...patch }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validateAgentForm(values);
    if (!errors.validate(issueMessages(problems, t))) return;
    errors.reset();
    save.mutate(
      { userId: agent.userId, input: formToAgentInput(values) },
      closeOnSuccess(t('routingAdmin.saved'), onDone, (error) => {
        // The only uniqueness here: another agent (of any company) has this extension.
        if (error instanceof ApiError && error.status === 409) errors.validate({ extension: t('routingAdmin.validation.extensionTaken') });
        else errors.setFailure(error);
      }),
    );
  };

  return (
    <StackedForm onSubmit={onSubmit} failure={errors.failure} submitLabel={t('common.save')} pending={save.isPending} onCancel={onDone}>
      <Alert color="blue" variant="light">
        {t('routingAdmin.agents.centerWide')}
      </Alert>
      <div role="group" aria-label={t('routingAdmin.agents.capacity')}>
        <Text size="sm" fw={500}>
          {t('routingAdmin.agents.capacity')}
        </Text>
        <Text size="xs" c="dimmed" mb={4}>
          {t('routingAdmin.agents.capacityHint')}
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
          {ROUTING_CHANNELS.map((channel) => (
            <NumberInput
              key={channel}
              label={t(`routingChannels.${channel}`)}
              min={0}
              max={CAPACITY_LIMITS[channel]}
              allowDecimal={false}
              value={values.capacity[channel]}
              onChange={(v) => onChange({ capacity: { ...values.capacity, [channel]: asNumber(v) } })}
              error={errors.fieldError(`capacity.${channel}`)}
            />
          ))}
        </SimpleGrid>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <TextInput
          label={t('routingAdmin.agents.extension')}
          description={t('routingAdmin.agents.extensionHint')}
          autoComplete="off"
          value={values.extension}
          onChange={(e) => onChange({ extension: e.currentTarget.value })}
          error={errors.fieldError('extension')}
        />
        <TextInput
          label={t('routingAdmin.agents.phone')}
          description={t('routingAdmin.agents.phoneHint')}
          type="tel"
          autoComplete="off"
          value={values.phone}
          onChange={(e) => onChange({ phone: e.currentTarget.value })}
          error={errors.fieldError('phone')}
        />
      </SimpleGrid>
      <Checkbox
        label={t('routingAdmin.agents.voiceBlocksOthers')}
        description={t('routingAdmin.agents.voiceBlocksOthersHint')}
        checked={values.voiceBlocksOthers}
        onChange={(e) => onChange({ voiceBlocksOthers: e.currentTarget.checked })}
      />
      <Checkbox
        label={t('routingAdmin.agents.othersBlockVoice')}
        description={t('routingAdmin.agents.othersBlockVoiceHint')}
        checked={values.othersBlockVoice}
        onChange={(e) => onChange({ othersBlockVoice: e.currentTarget.checked })}
      />
      <RowList<AgentSkillRow>
        label={t('routingAdmin.agents.skills')}
        description={t('routingAdmin.agents.skillsHint')}
        rows={values.skills}
        onChange={(rows) => onChange({ skills: rows })}
        newRow={() => ({ skillId: null, level: 5 })}
        addLabel={t('routingAdmin.queues.addSkill')}
        emptyText={t('routingAdmin.agents.noSkills')}
        error={errors.fieldError('skills')}
        renderRow={(row, i, set) => (
          <SkillLevelInputs
            skills={skills}
            skillId={row.skillId}
            onSkillChange={(skillId) => set({ skillId })}
            level={row.level}
            onLevelChange={(level) => set({ level })}
            levelLabel={t('routingAdmin.agents.level')}
            skillError={errors.fieldError(`skills.${i}.skillId`)}
            levelError={errors.fieldError(`skills.${i}.level`)}
          />
        )}
      />
    </StackedForm>
  );
}
