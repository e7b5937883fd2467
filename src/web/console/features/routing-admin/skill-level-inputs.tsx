import { NumberInput, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Skill } from '../../api/routing-types.js';
import { asNumber, type NumberValue } from './queue-form.js';

export interface SkillLevelInputsProps {
  skills: Skill[];
  skillId: string | null;
  onSkillChange: (skillId: string | null) => void;
  level: NumberValue;
  onLevelChange: (level: NumberValue) => void;
  /** What the level means here: an agent's own level, or the lowest a queue takes. */
  levelLabel: string;
  skillError: string | undefined;
  levelError: string | undefined;
}

/** One row of a skill list: which skill, and a level 1–10. */
export function SkillLevelInputs({ skills, skillId, onSkillChange, level, onLevelChange, levelLabel, skillError, levelError }: SkillLevelInputsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Select
        aria-label={t('routingAdmin.queues.skill')}
        placeholder={t('routingAdmin.queues.skill')}
        data={skills.map((s) => ({ value: s.id, label: s.name }))}
        value={skillId}
        onChange={onSkillChange}
        error={skillError}
        searchable
        w={220}
        comboboxProps={{ withinPortal: true }}
      />
      <NumberInput
        aria-label={levelLabel}
        leftSection={<span aria-hidden>Lv</span>}
        min={1}
        max={10}
        allowDecimal={false}
        value={level}
        onChange={(v) => onLevelChange(asNumber(v))}
        error={levelError}
        w={110}
      />
    </>
  );
}
