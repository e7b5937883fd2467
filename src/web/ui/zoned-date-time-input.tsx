import { TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { fromZonedInputValue, toZonedInputValue } from './format/datetime.js';

export interface ZonedDateTimeInputProps {
  label: string;
  /** UTC ISO string or null. */
  value: string | null;
  onChange: (value: string | null) => void;
  /** The wall clock the user types in (the tenant's zone). */
  timeZone: string;
  description?: string;
  error?: string | undefined;
  disabled?: boolean;
}

/**
 * A native date-time field (keyboard-friendly, typed with `fill()` in tests) whose value is read and
 * shown in the tenant's zone, not the browser's.
 */
export function ZonedDateTimeInput({ label, value, onChange, timeZone, description, error, disabled }: ZonedDateTimeInputProps) {
  const [text, setText] = useState(() => toZonedInputValue(value, timeZone));
  useEffect(() => {
    // Follow outside changes (reloaded record) without fighting the user's typing.
    if (fromZonedInputValue(text, timeZone) !== (value ?? null)) setText(toZonedInputValue(value, timeZone));
  }, [value, timeZone]);
  return (
    <TextInput
      type="datetime-local"
      label={label}
      description={description ?? timeZone}
      value={text}
      error={error}
      disabled={disabled}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        onChange(next ? fromZonedInputValue(next, timeZone) : null);
      }}
    />
  );
}
