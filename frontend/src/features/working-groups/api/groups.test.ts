import { describe, expect, it } from 'vitest';
import { byStakeholder, splitMeetings, type Member } from './groups';

describe('byStakeholder', () => {
  it('groups members in KPSS order and drops empty roles', () => {
    const m = (id: string, stakeholder: Member['stakeholder']) => ({ id, stakeholder }) as Member;
    const groups = byStakeholder([m('a', 'provider'), m('b', 'user'), m('c', 'provider')]);
    expect(groups.map((g) => [g.stakeholder, g.members.map((x) => x.id)])).toEqual([
      ['user', ['b']],
      ['provider', ['a', 'c']],
    ]);
  });
});

describe('splitMeetings', () => {
  it('orders upcoming soonest first and past latest first', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    const { upcoming, past } = splitMeetings(
      [{ starts_at: '2025-07-01T10:00:00Z' }, { starts_at: '2025-05-01T10:00:00Z' }, { starts_at: '2025-06-10T10:00:00Z' }, { starts_at: '2024-01-01T10:00:00Z' }],
      now,
    );
    expect(upcoming.map((m) => m.starts_at.slice(0, 10))).toEqual(['2025-06-10', '2025-07-01']);
    expect(past.map((m) => m.starts_at.slice(0, 10))).toEqual(['2025-05-01', '2024-01-01']);
  });
});
