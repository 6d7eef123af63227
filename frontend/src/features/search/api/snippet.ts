//! A hit's snippet as the API sends it (HTML-escaped text, the words found wrapped in
//! `<mark>…</mark>`), read into pieces React renders as text: no markup from the server reaches
//! the page as HTML.

export interface Piece {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot);/g, (entity) => ENTITIES[entity] ?? entity);

export function snippetPieces(snippet: string): Piece[] {
  const pieces: Piece[] = [];
  // Alternates: text outside a mark, text inside one, …
  snippet.split(/<\/?mark>/).forEach((part, i) => {
    if (part) pieces.push({ text: unescape(part), marked: i % 2 === 1 });
  });
  return pieces;
}
