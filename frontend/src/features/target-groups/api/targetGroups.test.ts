import { describe, expect, it } from 'vitest';
import { suggestCode } from './targetGroups';

describe('a new target group', () => {
  it('gets a code from its name: without accents, lower case, words joined by underscores', () => {
    expect(suggestCode('Osoby s poruchou autistického spektra')).toBe('osoby_s_poruchou_autistickeho_spektra');
    expect(suggestCode('  rodiny s dítětem/dětmi ')).toBe('rodiny_s_ditetem_detmi');
    expect(suggestCode('—')).toBe('');
    expect(suggestCode('slovo '.repeat(20)).length).toBeLessThanOrEqual(80);
  });
});
