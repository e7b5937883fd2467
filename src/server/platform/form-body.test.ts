import { describe, expect, it } from 'vitest';
import { formFieldsOf } from './form-body.js';

describe('urlencoded form fields', () => {
  it('keeps single keys as text and turns repeated keys (user[]=…) into lists, decoding UTF-8 and +', () => {
    expect(formFieldsOf('event=newCall&user%5B%5D=201&user%5B%5D=%E5%B1%B1%E7%94%B0&from=%2B81+90')).toEqual({
      event: 'newCall', 'user[]': ['201', '山田'], from: '+81 90',
    });
    expect(formFieldsOf('')).toEqual({});
    expect(formFieldsOf('a=1&a=2&a=3')).toEqual({ a: ['1', '2', '3'] });
  });
});
