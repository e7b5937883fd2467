import { describe, expect, it } from 'vitest';
import { pbxNumberToE164 } from './cti-number.js';

describe('numbers as PBXs report them', () => {
  it('reads national, E.164 and E.164-without-plus forms of the same number', () => {
    for (const raw of ['09012345678', '090-1234-5678', '+81 90-1234-5678', '+819012345678', '819012345678', '０９０１２３４５６７８']) {
      expect(pbxNumberToE164(raw), raw).toBe('+819012345678');
    }
  });

  it('reads a foreign number sent without its plus (Zammad’s examples)', () => {
    expect(pbxNumberToE164('493055571600')).toBe('+493055571600');
  });

  it('gives null for what is not a phone number: anonymous, an extension, junk, nothing', () => {
    for (const raw of ['anonymous', '201', '1234', 'abc', '', null, undefined]) expect(pbxNumberToE164(raw), String(raw)).toBeNull();
  });
});
