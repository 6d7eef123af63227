import { describe, expect, it } from 'vitest';
import type { Version } from './api/versions';
import { changesPath, consultationChanges, CURRENT, isEmptyDiff, isLongText, isReassigned, labelKey, nextSide, show, trimRun } from './model';

const version = (id: string, status: Version['status']): Version => ({ id, plan_id: 'p', taken_at: '2026-01-01T10:00:00Z', status });
const noRows = { added: [], removed: [], changed: [] };

describe('consultationChanges', () => {
  it('compares the version taken when the consultation opened with the approval after it', () => {
    const versions = [version('c1', 'consultation'), version('d', 'draft'), version('c2', 'consultation'), version('a', 'approved'), version('i', 'implementation')];
    expect(consultationChanges(versions)).toEqual({ from: 'c2', to: 'a' });
  });
  it('is null before an approval, or with no consultation before it', () => {
    expect(consultationChanges([version('c', 'consultation')])).toBeNull();
    expect(consultationChanges([version('a', 'approved'), version('c', 'consultation')])).toBeNull();
    expect(consultationChanges([])).toBeNull();
  });
});

describe('nextSide', () => {
  it('is the following version, and the plan now for the last', () => {
    const versions = [version('a', 'consultation'), version('b', 'approved')];
    expect(nextSide(versions, 0)).toBe('b');
    expect(nextSide(versions, 1)).toBe(CURRENT);
  });
});

describe('labelKey', () => {
  it('names fields with the forms’ labels, per owner, and knows no bookkeeping', () => {
    expect(labelKey('measure', 'title')).toBe('measure.fields.title');
    expect(labelKey('goal', 'title')).toBe('goal.fields.title');
    expect(labelKey('plan', 'period_start')).toBe('plan.fields.periodStart');
    expect(labelKey('measure', 'responsible')).toBe('measure.responsible');
    expect(labelKey('plan', 'constructor')).toBeUndefined();
  });
});

describe('show', () => {
  it('words empty values, references, statuses, dates and costs (stored in haléře)', () => {
    expect(show('measure', 'description', '')).toEqual({ type: 'none' });
    expect(show('measure', 'end_date', null)).toEqual({ type: 'none' });
    expect(show('measure', 'goal_id', '0190-…')).toEqual({ type: 'reference' });
    expect(show('measure', 'status', 'in_progress')).toEqual({ type: 'measureStatus', value: 'in_progress' });
    expect(show('plan', 'status', 'draft')).toEqual({ type: 'text', text: 'draft' });
    expect(show('measure', 'start_date', '2026-03-01')).toEqual({ type: 'date', iso: '2026-03-01' });
    expect(show('measure', 'estimated_cost', 12_500_050)).toEqual({ type: 'money', czk: '125000.50' });
    expect(show('measure', 'progress', 40)).toEqual({ type: 'text', text: '40' });
  });
  it('lists lists, funding and indicators item by item', () => {
    expect(show('measure', 'partners', ['obec', 'kraj'])).toEqual({
      type: 'list',
      items: [
        { type: 'text', text: 'obec' },
        { type: 'text', text: 'kraj' },
      ],
    });
    expect(show('measure', 'partners', [])).toEqual({ type: 'none' });
    expect(show('measure', 'funding_sources', [{ year: 2026, source: 'region', planned: '1000.00', actual: null }])).toEqual({
      type: 'list',
      items: [{ type: 'funding', year: 2026, source: 'region', planned: '1000.00' }],
    });
    expect(show('measure', 'indicators', [{ name: 'Klienti', unit: 'osoby', baseline: 10, target: null, values: [] }])).toEqual({
      type: 'list',
      items: [{ type: 'indicator', name: 'Klienti', unit: 'osoby', baseline: 10, target: null }],
    });
    expect(show('measure', 'other', { a: 1 })).toEqual({ type: 'data', json: '{"a":1}' });
  });
});

describe('isLongText', () => {
  const words = [{ op: 'equal' as const, text: 'a' }];
  it('is word by word only for texts with words, long or of several lines', () => {
    expect(isLongText({ field: 'title', before: 'Senioři', after: 'Senioři doma', words })).toBe(false);
    expect(isLongText({ field: 'description', before: 'x'.repeat(61), after: 'y', words })).toBe(true);
    expect(isLongText({ field: 'description', before: 'a\nb', after: 'a', words })).toBe(true);
    expect(isLongText({ field: 'description', before: 'x'.repeat(61), after: 'y' })).toBe(false);
    expect(isLongText({ field: 'progress', before: 10, after: 20, words: null })).toBe(false);
  });
});

describe('isEmptyDiff and changesPath', () => {
  it('says whether anything changed', () => {
    expect(isEmptyDiff({ plan: [], goals: noRows, measures: noRows })).toBe(true);
    expect(isEmptyDiff({ plan: [], goals: noRows, measures: { ...noRows, removed: [{ id: 'm' }] } })).toBe(false);
  });
  it('addresses the changes page', () => {
    expect(changesPath('p1', 'v1', CURRENT)).toBe('/plans/p1/changes?from=v1&to=current');
  });
});

describe('trimRun', () => {
  it('keeps the spaces around a changed run out of its mark', () => {
    expect(trimRun('všem ')).toEqual(['', 'všem', ' ']);
    expect(trimRun(' a b\n')).toEqual([' ', 'a b', '\n']);
    expect(trimRun('  ')).toEqual(['  ', '', '']);
  });
});

describe('isReassigned', () => {
  it('is a link moved between two records, not one set or cleared', () => {
    expect(isReassigned('measure', { field: 'goal_id', before: 'g1', after: 'g2' })).toBe(true);
    expect(isReassigned('goal', { field: 'working_group_id', before: null, after: 'w1' })).toBe(false);
    expect(isReassigned('measure', { field: 'title', before: 'a', after: 'b' })).toBe(false);
  });
});
