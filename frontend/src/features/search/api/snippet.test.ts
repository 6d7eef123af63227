import { describe, expect, it } from 'vitest';
import { snippetPieces } from './snippet';

describe('a hit snippet', () => {
  it('reads the marks as pieces and the escaped text back as text', () => {
    expect(snippetPieces('Terénní <mark>pečovatelská</mark> služba &lt;b&gt; &amp; <mark>péče</mark>')).toEqual([
      { text: 'Terénní ', marked: false },
      { text: 'pečovatelská', marked: true },
      { text: ' služba <b> & ', marked: false },
      { text: 'péče', marked: true },
    ]);
  });

  it('keeps text that only looks like markup as text', () => {
    expect(snippetPieces('&lt;mark&gt;x&lt;/mark&gt;')).toEqual([{ text: '<mark>x</mark>', marked: false }]);
    expect(snippetPieces('')).toEqual([]);
  });
});
