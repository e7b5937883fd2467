import { Button, Group, Stack, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';

export interface MultiValueInputProps {
  values: string[];
  onChange: (values: string[]) => void;
  /** Label of the first field; later ones are numbered. */
  label: string;
  numberedLabel: (n: number) => string;
  addLabel: string;
  removeLabel: string;
  type: 'tel' | 'email';
  /** Error for the n-th (0-based) value. */
  errorAt: (index: number) => string | undefined;
}

/** Several phones or e-mails: one field each, numbered labels, add and remove buttons. */
export function MultiValueInput({ values, onChange, label, numberedLabel, addLabel, removeLabel, type, errorAt }: MultiValueInputProps) {
  const update = (index: number, value: string) => onChange(values.map((v, i) => (i === index ? value : v)));
  return (
    <Stack gap={6}>
      {values.map((value, index) => (
        <Group key={index} align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label={index === 0 ? label : numberedLabel(index + 1)}
            type={type}
            inputMode={type}
            autoComplete={type === 'tel' ? 'tel' : 'email'}
            value={value}
            onChange={(e) => update(index, e.currentTarget.value)}
            error={errorAt(index)}
          />
          {index > 0 && (
            <Button variant="subtle" color="gray" onClick={() => onChange(values.filter((_, i) => i !== index))}>
              {removeLabel}
            </Button>
          )}
        </Group>
      ))}
      <Group>
        <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onChange([...values, ''])}>
          {addLabel}
        </Button>
      </Group>
    </Stack>
  );
}
