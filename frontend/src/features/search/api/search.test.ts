import { describe, expect, it } from 'vitest';
import { groupByKind, hitPath, readSearch, searchable, searchToParams, type SearchHit } from './search';

const hit = (type: SearchHit['type'], id: string): SearchHit => ({ type, id, title: id, snippet: '', url: `https://obec.example.cz/x/${id}` });

describe('search in the address', () => {
  it('reads the text, known kinds in their order, and the territory', () => {
    expect(readSearch(new URLSearchParams('q=%20pecovatelska%20&types=need,comment,plan&territory=t1'))).toEqual({
      q: 'pecovatelska',
      types: ['plan', 'need'],
      territory: 't1',
    });
  });

  it('writes only what is set, so equal searches share one address', () => {
    expect(searchToParams({ q: 'domov', types: ['need', 'plan'], territory: '' }).toString()).toBe('q=domov&types=plan%2Cneed');
    expect(searchToParams({ q: '', types: [], territory: '' }).toString()).toBe('');
  });

  it('searches from two characters', () => {
    expect(searchable({ q: 'p', types: [], territory: '' })).toBe(false);
    expect(searchable({ q: 'pé', types: [], territory: '' })).toBe(true);
  });
});

describe('hits', () => {
  it('group by kind in the order of each group’s best hit', () => {
    const groups = groupByKind([hit('service', 'a'), hit('measure', 'b'), hit('service', 'c')]);
    expect(groups.map(([kind, hits]) => [kind, hits.map((h) => h.id)])).toEqual([
      ['service', ['a', 'c']],
      ['measure', ['b']],
    ]);
  });

  it('link within the web app', () => {
    expect(hitPath(hit('need', 'n1'))).toBe('/x/n1');
  });
});
