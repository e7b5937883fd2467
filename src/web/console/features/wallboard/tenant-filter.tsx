import { MultiSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Membership } from '../../api/types.js';

export interface TenantFilterProps {
  /** The companies this user may monitor. */
  memberships: Membership[];
  /** Chosen slugs; empty = all. */
  value: string[];
  onChange: (slugs: string[]) => void;
}

/** For BPO supervisors: which client companies the board shows (empty = all of mine). */
export function TenantFilter({ memberships, value, onChange }: TenantFilterProps) {
  const { t } = useTranslation();
  if (memberships.length <= 1) return null;
  return (
    <MultiSelect
      aria-label={t('wallboard.tenantFilter')}
      placeholder={value.length ? undefined : t('wallboard.allTenants')}
      data={memberships.map((m) => ({ value: m.tenantSlug, label: m.tenantName }))}
      value={value}
      onChange={onChange}
      clearable
      miw={260}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
