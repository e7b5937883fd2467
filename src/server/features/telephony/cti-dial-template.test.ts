import { describe, expect, it } from 'vitest';
import { ctiDialTemplateProblems, fillCtiDialUrl, nationalDigits } from './cti-dial-template.js';

const ARI = 'http://pbx.example:8088/ari/channels?endpoint=PJSIP/{extension}&extension={national}&context=from-internal&priority=1';

describe('click-to-call URL template (PBX)', () => {
  it('fills each placeholder URL-encoded where it lands, leaving the rest as written', () => {
    expect(fillCtiDialUrl(ARI, { extension: '201', number: '+81312345678', national: '0312345678' }))
      .toBe('http://pbx.example:8088/ari/channels?endpoint=PJSIP/201&extension=0312345678&context=from-internal&priority=1');
    expect(fillCtiDialUrl('https://pbx.example/dial/{extension}?to={number}', { extension: 'a/b c', number: '+81312345678', national: '' }))
      .toBe('https://pbx.example/dial/a%2Fb%20c?to=%2B81312345678');
  });

  it('gives national digits as dialled in Japan, and 010 before a foreign number', () => {
    expect(nationalDigits('+81312345678')).toBe('0312345678');
    expect(nationalDigits('+819012345678')).toBe('09012345678');
    expect(nationalDigits('+81120123456')).toBe('0120123456');
    expect(nationalDigits('+12133734253')).toBe('01012133734253');
  });

  it('accepts an http(s) URL with the known placeholders and the number', () => {
    expect(ctiDialTemplateProblems(ARI)).toEqual([]);
    expect(ctiDialTemplateProblems('https://pbx.example/call?to={number}')).toEqual([]);
  });

  it('names what is wrong: unknown placeholders, stray braces, no number, not http(s), credentials', () => {
    expect(ctiDialTemplateProblems('http://pbx.example/{ext}?n={number}')).toEqual([expect.stringContaining('{ext}')]);
    expect(ctiDialTemplateProblems('http://pbx.example/{extension}?n={number}}')).toEqual([expect.stringContaining('{ or }')]);
    expect(ctiDialTemplateProblems('http://pbx.example/{extension}')).toEqual([expect.stringContaining('{number} or {national}')]);
    expect(ctiDialTemplateProblems('ftp://pbx.example/{number}')).toEqual([expect.stringContaining('http')]);
    expect(ctiDialTemplateProblems('pbx.example/{number}')).toEqual(['is not a URL']);
    expect(ctiDialTemplateProblems('http://admin:secret@pbx.example/{number}')).toEqual([expect.stringContaining('ctiDialAuthorization')]);
  });
});
