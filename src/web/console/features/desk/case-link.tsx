import { Button, Group, Select } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../api/types.js';
import type { WorkItem } from '../../api/routing-types.js';
import { useTenant } from '../auth/tenant-context.js';
import { CaseCreateModal } from '../cases/case-create-modal.js';

export interface CaseLinkProps {
  item: WorkItem;
  customer: { id: string; name: string } | null;
  /** The customer's open cases (from the screen pop). */
  openCases: Case[];
  caseId: string | null;
  caseLabel: string | null;
  onChange: (caseId: string | null, label: string | null) => void;
}

/** 案件: link this contact to one of the customer's open cases, or open a new one from it. */
export function CaseLink({ item, customer, openCases, caseId, caseLabel, onChange }: CaseLinkProps) {
  const { t } = useTranslation();
  const { can } = useTenant();
  const [creating, setCreating] = useState(false);
  const options = openCases.map((c) => ({ value: c.id, label: `${c.displayNumber} ${c.title}` }));
  if (caseId && !options.some((o) => o.value === caseId)) options.unshift({ value: caseId, label: caseLabel ?? caseId });
  return (
    <>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Select
          style={{ flex: 1 }}
          label={t('desk.case')}
          placeholder={t('desk.caseNone')}
          data={options}
          value={caseId}
          onChange={(value) => onChange(value, options.find((o) => o.value === value)?.label ?? null)}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
        {can('cases:write') && (
          <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('interactions.createCase')}
          </Button>
        )}
      </Group>
      <CaseCreateModal
        opened={creating}
        onClose={() => setCreating(false)}
        customer={customer}
        interaction={{ id: item.contact.interactionId, subject: item.contact.subject, customerId: customer?.id ?? null }}
        onCreated={(created) => onChange(created.id, `${created.displayNumber} ${created.title}`)}
      />
    </>
  );
}
