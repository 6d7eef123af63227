import { describe, expect, it } from 'vitest';
import { groupByTerritory, NEXT_STATUSES, textsEditable, type Plan } from './plans';

const plan = (p: Partial<Plan>): Plan =>
  ({ id: p.title, title: 'x', territory: 't', period_start: 2020, period_end: 2023, status: 'draft', summary: '', vision: '', consultation_open: false, created_at: '', updated_at: '', version: 1, ...p }) as Plan;

describe('groupByTerritory', () => {
  it('sorts territories by Czech collation and plans by status then newest period', () => {
    const groups = groupByTerritory([
      plan({ title: 'Ostrava 5', territory: 'Ostrava', status: 'archived', period_start: 2019 }),
      plan({ title: 'Český Krumlov', territory: 'ORP Český Krumlov', status: 'implementation' }),
      plan({ title: 'Ostrava 6', territory: 'Ostrava', status: 'consultation', period_start: 2023 }),
      plan({ title: 'Čáslav', territory: 'Čáslav', status: 'draft' }),
      plan({ title: 'Buštěhrad', territory: 'Buštěhrad' }),
    ]);
    expect(groups.map((g) => g.territory)).toEqual(['Buštěhrad', 'Čáslav', 'ORP Český Krumlov', 'Ostrava']);
    expect(groups[3]!.plans.map((p) => p.title)).toEqual(['Ostrava 6', 'Ostrava 5']);
  });
});

describe('NEXT_STATUSES', () => {
  it('follows the lifecycle in domain.md', () => {
    expect(NEXT_STATUSES.draft).toEqual(['consultation']);
    expect(NEXT_STATUSES.consultation).toContain('draft');
    expect(NEXT_STATUSES.archived).toEqual([]);
  });
});

describe('textsEditable', () => {
  it('texts are editable only in draft and consultation', () => {
    expect(textsEditable('draft')).toBe(true);
    expect(textsEditable('consultation')).toBe(true);
    expect(textsEditable('approved')).toBe(false);
    expect(textsEditable('implementation')).toBe(false);
  });
});
