//! Text matched as people type it, the way the API's search and `q` filters match (api/src/search/
//! text.rs): folded (no accents, lower case) and split at every character that is not a letter or
//! a digit; every word typed must be a word of the text, the last one may be the start of one.

/** Lower case without diacritics, so "pecovatelska" finds "pečovatelská". */
export const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

/** `text`'s words, folded. */
export const words = (text: string) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Whether `text` holds every word of `query` (the last as a prefix); an empty query matches all. */
export function matches(text: string, query: string): boolean {
  const sought = words(query);
  const last = sought.pop();
  if (last === undefined) return true;
  const held = words(text);
  return sought.every((w) => held.includes(w)) && held.some((w) => w.startsWith(last));
}
