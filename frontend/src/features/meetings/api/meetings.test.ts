import { describe, expect, it } from 'vitest';
import { calendarFeed, formatNeeds, move } from './meetings';

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
  it('gives a calendar feed as a download, an absolute address and a webcal subscription', () => {
    expect(calendarFeed('g1', 'https://kpss.example.cz')).toEqual({
      href: '/api/v1/working-groups/g1/meetings.ics',
      absolute: 'https://kpss.example.cz/api/v1/working-groups/g1/meetings.ics',
      webcal: 'webcal://kpss.example.cz/api/v1/working-groups/g1/meetings.ics',
    });
    expect(calendarFeed(undefined, 'http://127.0.0.1:8080').webcal).toBe('webcal://127.0.0.1:8080/api/v1/meetings.ics');
  });
});
