import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CASE_PRIORITIES, type CasePriority } from '../../api/types.js';

/** The priorities, lowest first, as select options with their names. */
export function useCasePriorityOptions(): { value: CasePriority; label: string }[] {
  const { t } = useTranslation();
  return CASE_PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }));
}

export interface CasePrioritySelectProps {
  label: string;
  value: CasePriority;
  onChange: (value: CasePriority) => void;
  error?: string | undefined;
}

export function CasePrioritySelect({ label, value, onChange, error }: CasePrioritySelectProps) {
  const options = useCasePriorityOptions();
  return <NativeSelect label={label} value={value} onChange={(e) => onChange(e.currentTarget.value as CasePriority)} data={options} error={error} />;
}
