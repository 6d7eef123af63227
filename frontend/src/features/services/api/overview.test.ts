import { describe, expect, it } from 'vitest';
import { countOf, unitsOf, type NetworkOverview } from './overview';

const overview = {
  territory_id: 't',
  provided_on: '2026-12-02',
  rows: [],
  totals: [
    { kind_code: 'domovy_pro_seniory', services: 2, capacities: [{ unit: 'beds', count: 90 }] },
    { kind_code: 'pecovatelska_sluzba', services: 2, capacities: [{ unit: 'clients', count: 65 }] },
    { kind_code: null, services: 1, capacities: [] },
  ],
} satisfies NetworkOverview;

describe('the network overview', () => {
  it('gives a column to each unit in use, in the units order', () => {
    expect(unitsOf(overview)).toEqual(['clients', 'beds']);
  });
  it('finds a unit count, or none', () => {
    expect(countOf(overview.totals[0]!.capacities, 'beds')).toBe(90);
    expect(countOf(overview.totals[0]!.capacities, 'clients')).toBeNull();
  });
});
