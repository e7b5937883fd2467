import { ActionIcon, Button } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';

/** Removes one row of an editable list (a menu option, a choice, a skill): an icon named for screen readers. */
export function RemoveRowButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="red" mb={4} aria-label={label} onClick={onClick}>
      <IconTrash size={16} aria-hidden />
    </ActionIcon>
  );
}

/** Adds a row at the end of an editable list. */
export function AddRowButton({ label, disabled, onClick }: { label: string; disabled: boolean; onClick: () => void }) {
  return (
    <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} style={{ alignSelf: 'flex-start' }} disabled={disabled} onClick={onClick}>
      {label}
    </Button>
  );
}
