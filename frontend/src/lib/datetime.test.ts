import { describe, expect, it } from 'vitest';
import { addHours, fromLocalInput, localDate, toLocalInput } from './datetime';

describe('datetime-local conversion', () => {
  it('round-trips a wall time through UTC', () => {
    const iso = fromLocalInput('2027-03-15T16:30');
    expect(iso).toMatch(/Z$/);
    expect(toLocalInput(iso)).toBe('2027-03-15T16:30');
  });
  it('gives an empty string for empty or invalid input', () => {
    expect(fromLocalInput('')).toBe('');
    expect(fromLocalInput('not a date')).toBe('');
    expect(toLocalInput(null)).toBe('');
    expect(toLocalInput('garbage')).toBe('');
  });
  it('adds hours across midnight', () => {
    expect(addHours('2027-03-15T23:30', 2)).toBe('2027-03-16T01:30');
  });
});

describe('localDate', () => {
  it('gives the wall-clock day, not the UTC one', () => {
    expect(localDate(new Date(2027, 0, 5, 23, 59))).toBe('2027-01-05');
    expect(localDate(new Date(2027, 11, 31, 0, 1))).toBe('2027-12-31');
  });
});
