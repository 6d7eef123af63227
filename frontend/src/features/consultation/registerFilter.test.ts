import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../lib/api/client';
import { filterEntries, type RegisterFilter } from './registerFilter';

const entry = (number: number, body: string, resolution?: Schemas['Resolution']): Schemas['RegisterEntry'] => ({
  number,
  comment_id: `c${number}`,
  target: { type: 'measure', id: 'm1', code: '1.1', title: 'Odlehčovací služby' },
  author: { display_name: 'Jana Nováková' } as Schemas['Author'],
  channel: 'web',
  received_on: '2026-11-02',
  body,
  status: 'published',
  resolution: resolution ?? null,
});

const all: RegisterFilter = { state: 'all', target: 'all', text: '' };
const numbers = (entries: Schemas['RegisterEntry'][]) => entries.map((e) => e.number);

describe('the register filter', () => {
  const entries = [entry(1, 'Chybí služba o víkendu.'), entry(2, 'Prodloužit provoz.', 'accepted')];

  it('matches text as the API does: any case, with or without accents, the last word a prefix', () => {
    expect(numbers(filterEntries(entries, { ...all, text: 'vikendu' }))).toEqual([1]);
    expect(numbers(filterEntries(entries, { ...all, text: 'VÍKEND' }))).toEqual([1]);
    expect(numbers(filterEntries(entries, { ...all, text: 'novakova prodl' }))).toEqual([2]);
    expect(numbers(filterEntries(entries, { ...all, text: 'odlehcovaci' }))).toEqual([1, 2]);
    expect(numbers(filterEntries(entries, { ...all, text: 'kendu' }))).toEqual([]);
  });

  it('combines the text with the state', () => {
    expect(numbers(filterEntries(entries, { ...all, state: 'unsettled', text: 'sluz' }))).toEqual([1]);
  });
});
