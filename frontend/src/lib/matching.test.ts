import { describe, expect, it } from 'vitest';
import { fold, matches, words } from './matching';

describe('matching as the API matches', () => {
  it('folds accents and case and splits at signs', () => {
    expect(fold('  Pečovatelská SLUŽBA ')).toBe('pecovatelska sluzba');
    expect(words('Víkendová (§40) péče, e-mail')).toEqual(['vikendova', '40', 'pece', 'e', 'mail']);
  });

  it('wants every word whole but the last, which may be a prefix', () => {
    expect(matches('O víkendu chybí odlehčovací služba', 'vikendu')).toBe(true);
    expect(matches('O víkendu chybí odlehčovací služba', 'odlehc')).toBe(true);
    expect(matches('O víkendu chybí odlehčovací služba', 'sluzba vik')).toBe(true);
    expect(matches('O víkendu chybí odlehčovací služba', 'vik sluzba')).toBe(false);
    expect(matches('O víkendu chybí odlehčovací služba', 'kendu')).toBe(false);
    expect(matches('cokoli', '  ')).toBe(true);
  });
});
