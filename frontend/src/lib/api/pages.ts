//! Lists the API answers a page at a time (`limit`, then `next_cursor`), read to the end, so no list
//! silently stops at its first page.

/** What every list operation answers: one page of items and the cursor of the next, if any. */
export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

/** The largest page the API serves. */
export const PAGE_SIZE = 200;

/**
 * Pages read before giving up: 50 × 200 = 10 000 items, far more than any list here holds (tens of
 * plans, goals or members). Reaching it means a cursor that never ends; failing beats looping.
 */
export const MAX_PAGES = 50;

/** Every page of a list, in order; `fetchPage` asks for one page with the given `limit` and `cursor`. */
export async function fetchAllPages<P extends Page<unknown>>(
  fetchPage: (query: { limit: number; cursor?: string }) => Promise<P>,
): Promise<P[]> {
  const pages: P[] = [];
  let cursor: string | undefined;
  do {
    if (pages.length === MAX_PAGES) throw new Error(`a list longer than ${MAX_PAGES} pages of ${PAGE_SIZE}`);
    const page = await fetchPage({ limit: PAGE_SIZE, cursor });
    pages.push(page);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return pages;
}

/** Every item of a list, following `next_cursor` to the end. */
export async function fetchAll<T>(fetchPage: (query: { limit: number; cursor?: string }) => Promise<Page<T>>): Promise<T[]> {
  return (await fetchAllPages(fetchPage)).flatMap((page) => page.items);
}
