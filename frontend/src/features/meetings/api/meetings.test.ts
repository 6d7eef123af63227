import { describe, expect, it } from 'vitest';
import { formatNeeds, move } from './meetings';

describe('meeting helpers', () => {
  it('moves agenda items up and down, ignoring moves off the ends', () => {
    expect(move(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
  it('asks for a place and a link according to the format', () => {
    expect(formatNeeds('in_person')).toEqual({ location: true, onlineUrl: false });
    expect(formatNeeds('online')).toEqual({ location: false, onlineUrl: true });
    expect(formatNeeds('hybrid')).toEqual({ location: true, onlineUrl: true });
  });
});
