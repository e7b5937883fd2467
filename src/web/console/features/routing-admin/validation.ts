/** A problem found in the browser before sending: a message key under `routingAdmin.validation` and its values. */
export interface Issue {
  key: string;
  values?: Record<string, number>;
}

export const issue = (key: string, values?: Record<string, number>): Issue => (values ? { key, values } : { key });

/** `{min}〜{max}`: the range a number must be in. */
export const range = (min: number, max: number): Issue => issue('range', { min, max });

/** Issues → translated messages by field path, for `useFormErrors().validate`. */
export function issueMessages(issues: Record<string, Issue>, t: (key: string, values?: Record<string, number>) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(issues).map(([path, { key, values }]) => [path, t(`routingAdmin.validation.${key}`, values)]));
}
