import { describe, expect, it } from 'vitest';
import { withYearActuals, withYearValues } from './RecordYearForm';

describe('recording a year', () => {
  const indicator = { name: 'Počet klientů', unit: 'osoby', baseline: 40, target: 80, values: [{ year: 2025, value: 50 }] };

  it('sets, replaces and removes the year’s indicator value, keeping the other years in order', () => {
    expect(withYearValues([indicator], 2024, ['44,5'])[0]!.values).toEqual([
      { year: 2024, value: 44.5 },
      { year: 2025, value: 50 },
    ]);
    expect(withYearValues([indicator], 2025, ['62'])[0]!.values).toEqual([{ year: 2025, value: 62 }]);
    expect(withYearValues([indicator], 2025, [''])[0]!.values).toEqual([]);
  });

  it('sets only the year’s actual amounts, as the API writes money', () => {
    const funding = [
      { year: 2027, source: 'municipality' as const, planned: '100000.00', actual: null },
      { year: 2026, source: 'municipality' as const, planned: '80000.00', actual: '80000.00' },
      { year: 2027, source: 'region' as const, planned: '50000.00', actual: '1.00' },
    ];
    expect(withYearActuals(funding, 2027, ['90 000,5', '', ' '])).toEqual([
      { ...funding[0], actual: '90000.50' },
      funding[1],
      { ...funding[2], actual: null },
    ]);
  });
});
