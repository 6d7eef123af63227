import { describe, expect, it } from 'vitest';
import { normalizeMoney, parseNumber } from './measures';
import { fundingRows, indicatorRows, splitLines, toFunding, toIndicators } from './rows';

describe('numbers and money as typed', () => {
  it('reads a decimal comma and spaces', () => {
    expect(parseNumber('1 234,5')).toBe(1234.5);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('12a')).toBeNaN();
  });
  it('normalises Czech money to the API decimal string', () => {
    expect(normalizeMoney('125 000,50 Kč')).toBe('125000.50');
    expect(normalizeMoney('80000')).toBe('80000.00');
    expect(normalizeMoney('99,5')).toBe('99.50');
    expect(normalizeMoney('lots')).toBe('lots');
  });
});

describe('indicator and funding rows', () => {
  it('round-trips indicators and reports junk at its field', () => {
    const rows = indicatorRows([{ name: 'Klienti', unit: 'osoby', baseline: 10, target: 40, values: [{ year: 2027, value: 18 }] }]);
    expect(toIndicators(rows, 'x')).toEqual({
      value: [{ name: 'Klienti', unit: 'osoby', baseline: 10, target: 40, values: [{ year: 2027, value: 18 }] }],
      errors: [],
    });
    rows[0]!.baseline = 'deset';
    rows[0]!.values[0]!.value = '';
    rows[0]!.values.push({ key: 99, year: '', value: '' });
    const { errors, value } = toIndicators(rows, 'not a number');
    expect(errors.map((e) => e.field)).toEqual(['indicators[0].baseline', 'indicators[0].values[0].value']);
    expect(value[0]!.values).toHaveLength(1);
  });
  it('turns funding rows into decimal strings, actual optional', () => {
    const rows = fundingRows([{ year: 2027, source: 'region', planned: '100000.00', actual: null }]);
    rows[0]!.planned = '120 000';
    expect(toFunding(rows, 'x').value).toEqual([{ year: 2027, source: 'region', planned: '120000.00', actual: null }]);
  });
  it('splits lists by line, so names may contain commas', () => {
    expect(splitLines('Charita, z. s.\n\n  Město  \n')).toEqual(['Charita, z. s.', 'Město']);
  });
});
