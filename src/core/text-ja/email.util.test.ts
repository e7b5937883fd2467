import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email.util.js';

describe('normalizeEmail', () => {
  it.each([
    ['Taro.Yamada@Example.CO.JP', 'taro.yamada@example.co.jp'],
    ['  taro@example.com ', 'taro@example.com'],
    ['ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'taro@example.com'],
    ['a+tag@sub.example.jp', 'a+tag@sub.example.jp'],
    ['info@例え.jp', 'info@例え.jp'],
  ])('%s → %s', (input, email) => {
    expect(normalizeEmail(input)).toEqual({ ok: true, email });
  });

  it.each([
    '',
    'taro',
    'taro@',
    '@example.com',
    'taro@example',
    'taro@@example.com',
    'ta@ro@example.com',
    'ta ro@example.com',
    'taro@exa mple.com',
    'taro@example..com',
    'taro@.example.com',
    'taro@example.com.',
  ])('rejects %j', (input) => {
    expect(normalizeEmail(input)).toEqual({
      ok: false,
      code: 'email_invalid',
      message: `"${input}" is not a valid email address`,
    });
  });

  it('rejects addresses longer than 254 characters', () => {
    const domain = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.jp`;
    expect(normalizeEmail(`${'x'.repeat(254 - domain.length - 1)}@${domain}`).ok).toBe(true);
    expect(normalizeEmail(`${'x'.repeat(255 - domain.length - 1)}@${domain}`)).toMatchObject({
      ok: false,
      code: 'email_invalid',
    });
  });
});
