import { describe, expect, it } from 'vitest';
import { formatNeeds } from './meetings';

describe('meeting helpers', () => {
  it('asks for a place and a link according to the format', () => {
    expect(formatNeeds('in_person')).toEqual({ location: true, onlineUrl: false });
    expect(formatNeeds('online')).toEqual({ location: false, onlineUrl: true });
    expect(formatNeeds('hybrid')).toEqual({ location: true, onlineUrl: true });
  });
});
