import { describe, expect, it } from 'vitest';
import { addHours, fromLocalInput, toLocalInput } from './datetime';

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
