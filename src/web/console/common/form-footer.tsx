import { Button, Group, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from './form-errors.js';

export interface FormFooterProps {
  /** The failed submit, if any (`useFormErrors().failure`). */
  failure: unknown;
  submitLabel: string;
  /** The submit is running: the button spins. */
  pending: boolean;
  /** Shows a cancel button beside the submit button. */
  onCancel?: () => void;
  submitDisabled?: boolean;
}

/** The end of a form: the server's problem, then cancel and submit on the right. */
export function FormFooter({ failure, submitLabel, pending, onCancel, submitDisabled }: FormFooterProps) {
  const { t } = useTranslation();
  return (
    <>
      <FormErrorAlert failure={failure} />
      <Group justify="flex-end">
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
        <Button type="submit" loading={pending} disabled={submitDisabled}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}

export interface StackedFormProps extends FormFooterProps {
  onSubmit: (event: FormEvent) => void;
  /** The fields, one under the other. */
  children: ReactNode;
}

/** A form checked by its own code (no browser bubbles): its fields in a column, then the footer. */
export function StackedForm({ onSubmit, children, ...footer }: StackedFormProps) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        {children}
        <FormFooter {...footer} />
      </Stack>
    </form>
  );
}
