/** Nominal types: a plain string cannot be passed where a normalized value is required. */
export type Brand<T, B extends string> = T & { readonly __brand: B };

export type E164 = Brand<string, 'E164'>;
export type NormalizedJa = Brand<string, 'NormalizedJa'>;
export type NormalizedSerial = Brand<string, 'NormalizedSerial'>;
export type NormalizedEmail = Brand<string, 'NormalizedEmail'>;
