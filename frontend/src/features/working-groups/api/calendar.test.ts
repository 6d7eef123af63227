import { describe, expect, it } from 'vitest';
import { calendarFeed } from './calendar';

describe('calendarFeed', () => {
  it('gives a calendar feed as a download, an absolute address and a webcal subscription', () => {
    expect(calendarFeed('g1', 'https://kpss.example.cz')).toEqual({
      href: '/api/v1/working-groups/g1/meetings.ics',
      absolute: 'https://kpss.example.cz/api/v1/working-groups/g1/meetings.ics',
      webcal: 'webcal://kpss.example.cz/api/v1/working-groups/g1/meetings.ics',
    });
    expect(calendarFeed(undefined, 'http://127.0.0.1:8080').webcal).toBe('webcal://127.0.0.1:8080/api/v1/meetings.ics');
  });
});
