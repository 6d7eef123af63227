import { describe, expect, it } from 'vitest';
import { tokenFromHash } from './linkToken';

describe('tokenFromHash', () => {
  it('reads the token from the fragment', () => {
    expect(tokenFromHash('#token=abc-DEF_123')).toBe('abc-DEF_123');
  });
  it('ignores other fragment parameters and decodes the value', () => {
    expect(tokenFromHash('#x=1&token=a%2Bb')).toBe('a+b');
  });
  it('is null without a token', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('#other=1')).toBeNull();
  });
});
