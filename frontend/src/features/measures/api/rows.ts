//! Form rows (strings, as typed) ⇄ the API's indicators and funding, with the checks a browser can do.
import type { Schemas } from '../../../lib/api/client';
import { rowKey } from '../../../lib/rows';
import { normalizeMoney, parseNumber, type Funding, type FundingSource, type Indicator } from './measures';

type FieldError = Schemas['FieldError'];
export interface ValueRow { key: number; year: string; value: string }
export interface IndicatorRow { key: number; name: string; unit: string; baseline: string; target: string; values: ValueRow[] }
export interface FundingRow { key: number; year: string; source: FundingSource; planned: string; actual: string }

export function indicatorRows(list: Indicator[]): IndicatorRow[] {
  return list.map((i) => ({
    key: rowKey(),
    name: i.name,
    unit: i.unit,
    baseline: i.baseline == null ? '' : String(i.baseline),
    target: i.target == null ? '' : String(i.target),
    values: (i.values ?? []).map((v) => ({ key: rowKey(), year: String(v.year), value: String(v.value) })),
  }));
}

export function fundingRows(list: Funding[]): FundingRow[] {
  return list.map((f) => ({ key: rowKey(), year: String(f.year), source: f.source, planned: f.planned, actual: f.actual ?? '' }));
}

/**
 * Rows → indicators. Numbers may use a decimal comma; anything that is not a number is reported
 * at its field (`indicators[0].baseline`) with `message`, the same shape the server uses (code
 * `invalid`, so the message, already in the reader's language, is shown as it is).
 */
export function toIndicators(rows: IndicatorRow[], message: string): { value: Indicator[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const num = (text: string, field: string) => {
    const n = parseNumber(text);
    if (Number.isNaN(n)) errors.push({ field, code: 'invalid', message });
    return Number.isNaN(n) ? null : n;
  };
  const value = rows.map((r, i) => ({
    name: r.name,
    unit: r.unit,
    baseline: num(r.baseline, `indicators[${i}].baseline`),
    target: num(r.target, `indicators[${i}].target`),
    values: r.values
      .filter((v) => v.year.trim() !== '' || v.value.trim() !== '')
      .map((v, j) => {
        const year = parseNumber(v.year);
        if (year === null || Number.isNaN(year)) errors.push({ field: `indicators[${i}].values[${j}].year`, code: 'invalid', message });
        const val = parseNumber(v.value);
        if (val === null || Number.isNaN(val)) errors.push({ field: `indicators[${i}].values[${j}].value`, code: 'invalid', message });
        return { year: year ?? 0, value: val ?? 0 };
      }),
  }));
  return { value, errors };
}

/** Rows → funding; money is normalised ("125 000,50 Kč" → "125000.50") and checked by the server. */
export function toFunding(rows: FundingRow[], message: string): { value: Funding[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value = rows.map((r, i) => {
    const year = parseNumber(r.year);
    if (year === null || Number.isNaN(year)) errors.push({ field: `funding_sources[${i}].year`, code: 'invalid', message });
    return {
      year: year ?? 0,
      source: r.source,
      planned: normalizeMoney(r.planned),
      actual: r.actual.trim() ? normalizeMoney(r.actual) : null,
    };
  });
  return { value, errors };
}

/** One entry per line (partners and target groups may contain commas, e.g. "Charita, z. s."). */
export function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}
