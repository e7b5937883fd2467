import type { ChangeEvent } from 'react';

/** A form kept as one values object: its values, how to change some of them, and its errors. */
export interface FormBinding<V> {
  values: V;
  onChange: (patch: Partial<V>) => void;
  fieldError: (path: string) => string | undefined;
}

/** Keys of the form values that hold free text (any string, not a union of codes). */
type TextKey<V> = { [K in keyof V]-?: V[K] extends string ? (string extends V[K] ? K : never) : never }[keyof V] & string;

/**
 * Binds text inputs to a form: `{...field('title')}` gives an input its value, a change handler that
 * patches the values, and the field's error.
 */
export function textFieldProps<V>({ values, onChange, fieldError }: FormBinding<V>) {
  return (key: TextKey<V>) => ({
    value: values[key] as string,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      onChange({ [key]: event.currentTarget.value } as Partial<V>),
    error: fieldError(key),
  });
}
