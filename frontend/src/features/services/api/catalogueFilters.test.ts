import { describe, expect, it } from 'vitest';
import { filtersToParams, hasFilters, NO_FILTERS, readFilters } from './catalogueFilters';

describe('catalogue filters in the address', () => {
  it('read what the address holds, trimmed', () => {
    const filters = readFilters(new URLSearchParams('kind=pecovatelska_sluzba&group=seniori&form=field&territory=t1&q=%20Charita%20'));
    expect(filters).toEqual({ kind: 'pecovatelska_sluzba', group: 'seniori', form: 'field', territory: 't1', q: 'Charita' });
  });

  it('ignore a form the API does not know and parameters of no filter', () => {
    expect(readFilters(new URLSearchParams('form=online&page=3'))).toEqual(NO_FILTERS);
  });

  it('write only the filters given, in a fixed order, so equal searches share one address', () => {
    const params = filtersToParams({ ...NO_FILTERS, q: 'domov ', territory: 't1', kind: 'domovy_pro_seniory' });
    expect(params.toString()).toBe('kind=domovy_pro_seniory&territory=t1&q=domov');
    expect(filtersToParams(NO_FILTERS).toString()).toBe('');
  });

  it('round-trip', () => {
    const filters = { kind: 'osobni_asistence', group: 'seniori', form: 'outpatient' as const, territory: 'x', q: 'Krumlov' };
    expect(readFilters(filtersToParams(filters))).toEqual(filters);
  });

  it('tell whether anything is filtered', () => {
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, group: 'seniori' })).toBe(true);
  });
});
