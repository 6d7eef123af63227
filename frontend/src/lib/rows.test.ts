import { describe, expect, it } from 'vitest';
import { move, rowKey } from './rows';

describe('rows', () => {
  it('moves items up and down, ignoring moves off the ends', () => {
    expect(move(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
  it('gives every row a key of its own', () => {
    expect(rowKey()).not.toBe(rowKey());
  });
});
