import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import cs from './cs.json';
import en from './en.json';
import { translate } from './translate';

const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const keys = (m: Record<string, string>) => new Set(Object.keys(m).map(base));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

describe('catalogs', () => {
  it('Czech and English have the same keys', () => {
    expect([...keys(cs)].sort()).toEqual([...keys(en)].sort());
  });
  it('every plural has an `other` form in both languages', () => {
    for (const m of [cs, en] as Record<string, string>[]) {
      for (const k of Object.keys(m).filter((k) => /_(one|few|many)$/.test(k))) expect(m[`${base(k)}_other`]).toBeDefined();
    }
  });
  it('every literal key used in the source exists', () => {
    const known = keys(cs);
    const root = join(__dirname, '..');
    const missing: string[] = [];
    for (const file of sources(root)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        if (!known.has(m[1]!)) missing.push(`${file}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
  it('enum values the API sends are translated', () => {
    const enums: Record<string, string[]> = {
      planStatus: ['draft', 'consultation', 'approved', 'implementation', 'evaluated', 'archived'],
      measureStatus: ['planned', 'in_progress', 'completed', 'postponed', 'cancelled'],
      resolutionStatus: ['accepted', 'partially_accepted', 'rejected', 'noted'],
      channel: ['web', 'email', 'paper', 'meeting'],
      stakeholder: ['user', 'provider', 'commissioner', 'public'],
      territoryKind: ['region', 'orp', 'municipality', 'microregion', 'other'],
      serviceForm: ['residential', 'outpatient', 'field'],
      serviceGroup: ['counselling', 'care', 'prevention'],
      organizationKind: ['provider', 'municipality', 'region', 'state', 'ngo', 'church', 'other'],
      'lifecycle.action': ['consultation', 'draft', 'approved', 'implementation', 'evaluated', 'archived'],
      'lifecycle.explain': ['consultation', 'draft', 'approved', 'implementation', 'evaluated', 'archived'],
    };
    for (const [prefix, values] of Object.entries(enums))
      for (const v of values) for (const m of [cs, en] as Record<string, string>[]) expect(m[`${prefix}.${v}`]).toBeTruthy();
    // Capacity units are counted, so each has its plural forms.
    for (const unit of ['clients', 'beds', 'contacts', 'interventions', 'calls'])
      for (const m of [cs, en] as Record<string, string>[]) expect(m[`capacityUnit.${unit}_other`]).toBeTruthy();
  });
});

describe('translate', () => {
  it('interpolates and formats numbers in the language', () => {
    expect(translate({ a: 'Celkem {n} Kč' }, 'cs', 'a', { n: 125000 })).toBe('Celkem 125\u00a0000 Kč');
  });
  it('picks the Czech plural form', () => {
    const m = { x_one: '{count} plán', x_few: '{count} plány', x_other: '{count} plánů' };
    expect(translate(m, 'cs', 'x', { count: 1 })).toBe('1 plán');
    expect(translate(m, 'cs', 'x', { count: 3 })).toBe('3 plány');
    expect(translate(m, 'cs', 'x', { count: 5 })).toBe('5 plánů');
  });
  it('falls back to the key when a message is missing', () => {
    expect(translate({}, 'en', 'nope')).toBe('nope');
  });
});
