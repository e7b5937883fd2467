import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.queries.js';
import { useTenantUsers } from './case.queries.js';

export interface OwnerSelectProps {
  label: string;
  /** User id, or '' for the empty choice. */
  value: string;
  onChange: (value: string) => void;
  /** Text of the '' choice: "すべて" in filters, "未割り当て" in forms. */
  emptyLabel: string;
  /** Shown when the current owner is not (yet) in the member list. */
  currentName?: string | null;
  error?: string | undefined;
}

/** Members of the tenant, the signed-in user first. A native select: typing a letter jumps to it. */
export function OwnerSelect({ label, value, onChange, emptyLabel, currentName, error }: OwnerSelectProps) {
  const { t } = useTranslation();
  const users = useTenantUsers();
  const { data: session } = useSession();
  const me = session?.user;
  const members = users.data?.items ?? [];
  const options = [{ value: '', label: emptyLabel }];
  if (me) options.push({ value: me.id, label: t('cases.me', { name: me.displayName }) });
  for (const user of members) if (user.id !== me?.id) options.push({ value: user.id, label: user.displayName });
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: currentName ?? value });
  return <NativeSelect label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} data={options} error={error} />;
}
