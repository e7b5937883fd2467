import { NativeSelect, NumberInput, Select, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROUTING_CHANNELS, type RoutingQueue, type Skill } from '../../api/routing-types.js';
import { asNumber, emptyOverflowRow, type OverflowRow, type QueueFormValues, type RequiredSkillRow, type WhenClosedValue } from './queue-form.js';
import { RowList } from './row-list.js';
import { SkillLevelInputs } from './skill-level-inputs.js';

interface FieldsProps {
  values: QueueFormValues;
  onChange: (patch: Partial<QueueFormValues>) => void;
  fieldError: (path: string) => string | undefined;
}

/** 必要スキル: every skill a contact of this queue needs, each with the lowest level that may take it. */
export function RequiredSkillsField({ values, onChange, fieldError, skills }: FieldsProps & { skills: Skill[] }) {
  const { t } = useTranslation();
  return (
    <RowList<RequiredSkillRow>
      label={t('routingAdmin.queues.requiredSkills')}
      description={t('routingAdmin.queues.requiredSkillsHint')}
      rows={values.requiredSkills}
      onChange={(requiredSkills) => onChange({ requiredSkills })}
      newRow={() => ({ skillId: null, minLevel: 1 })}
      addLabel={t('routingAdmin.queues.addSkill')}
      emptyText={t('routingAdmin.queues.noSkills')}
      error={fieldError('requiredSkills')}
      renderRow={(row, i, set) => (
        <SkillLevelInputs
          skills={skills}
          skillId={row.skillId}
          onSkillChange={(skillId) => set({ skillId })}
          level={row.minLevel}
          onLevelChange={(minLevel) => set({ minLevel })}
          levelLabel={t('routingAdmin.queues.minLevel')}
          skillError={fieldError(`requiredSkills.${i}.skillId`)}
          levelError={fieldError(`requiredSkills.${i}.minLevel`)}
        />
      )}
    />
  );
}

/** オーバーフロー: after N seconds, add another queue's agents, or relax the levels. */
export function OverflowField({ values, onChange, fieldError, queues, ownId }: FieldsProps & { queues: RoutingQueue[]; ownId: string | null }) {
  const { t } = useTranslation();
  return (
    <RowList<OverflowRow>
      label={t('routingAdmin.queues.overflow')}
      description={t('routingAdmin.queues.overflowHint')}
      rows={values.overflow}
      onChange={(overflow) => onChange({ overflow })}
      newRow={emptyOverflowRow}
      addLabel={t('routingAdmin.queues.addOverflow')}
      emptyText={t('routingAdmin.queues.noOverflow')}
      error={fieldError('overflow')}
      renderRow={(row, i, set) => (
        <>
          <NumberInput
            aria-label={t('routingAdmin.queues.afterSec')}
            rightSection={<span aria-hidden>{t('routingAdmin.sec')}</span>}
            rightSectionWidth={36}
            min={0}
            allowDecimal={false}
            value={row.afterSec}
            onChange={(v) => set({ afterSec: asNumber(v) })}
            error={fieldError(`overflow.${i}.afterSec`)}
            w={120}
          />
          <NativeSelect
            aria-label={t('routingAdmin.queues.overflowKind')}
            value={row.kind}
            onChange={(e) => set({ kind: e.currentTarget.value as OverflowRow['kind'] })}
            data={[
              { value: 'add_queue', label: t('routingAdmin.queues.addQueue') },
              { value: 'relax_level', label: t('routingAdmin.queues.relaxLevel') },
            ]}
            w={200}
          />
          {row.kind === 'add_queue' ? (
            <Select
              aria-label={t('routingAdmin.queues.overflowQueue')}
              placeholder={t('routingAdmin.queues.overflowQueue')}
              data={queues.filter((q) => q.id !== ownId).map((q) => ({ value: q.id, label: q.name }))}
              value={row.queueId}
              onChange={(queueId) => set({ queueId })}
              error={fieldError(`overflow.${i}.queueId`)}
              w={200}
              comboboxProps={{ withinPortal: true }}
            />
          ) : (
            <NumberInput
              aria-label={t('routingAdmin.queues.relaxBy')}
              leftSection={<span aria-hidden>−</span>}
              min={1}
              max={9}
              allowDecimal={false}
              value={row.by}
              onChange={(v) => set({ by: asNumber(v) })}
              error={fieldError(`overflow.${i}.by`)}
              w={110}
            />
          )}
        </>
      )}
    />
  );
}

/** 時間外の扱い, per channel: the channel default, the closed message (reject), or wait for the opening (queue). */
export function WhenClosedField({ values, onChange, fieldError }: FieldsProps) {
  const { t } = useTranslation();
  const options = (channel: string) => [
    { value: '', label: t(channel === 'voice' || channel === 'chat' ? 'routingAdmin.queues.closedDefaultReject' : 'routingAdmin.queues.closedDefaultQueue') },
    { value: 'reject', label: t('routingAdmin.queues.closedReject') },
    { value: 'queue', label: t('routingAdmin.queues.closedQueue') },
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" role="group" aria-label={t('routingAdmin.queues.whenClosed')}>
      {ROUTING_CHANNELS.map((channel) => (
        <NativeSelect
          key={channel}
          label={t(`routingChannels.${channel}`)}
          value={values.whenClosed[channel]}
          onChange={(e) => onChange({ whenClosed: { ...values.whenClosed, [channel]: e.currentTarget.value as WhenClosedValue } })}
          data={options(channel)}
          error={fieldError(`whenClosed.${channel}`)}
        />
      ))}
    </SimpleGrid>
  );
}
