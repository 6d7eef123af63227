import { describe, expect, it, vi } from 'vitest';
import { fetchAll, fetchAllPages, MAX_PAGES, PAGE_SIZE } from './pages';

describe('fetchAll', () => {
  it('follows next_cursor through every page, in order', async () => {
    const pages: Record<string, { items: number[]; next_cursor: string | null }> = {
      start: { items: [1, 2], next_cursor: 'b' },
      b: { items: [3], next_cursor: 'c' },
      c: { items: [4, 5], next_cursor: null },
    };
    const fetchPage = vi.fn(async ({ cursor }: { limit: number; cursor?: string }) => pages[cursor ?? 'start']!);
    expect(await fetchAll(fetchPage)).toEqual([1, 2, 3, 4, 5]);
    expect(fetchPage.mock.calls.map(([q]) => q)).toEqual([
      { limit: PAGE_SIZE, cursor: undefined },
      { limit: PAGE_SIZE, cursor: 'b' },
      { limit: PAGE_SIZE, cursor: 'c' },
    ]);
  });

  it('returns an empty list after one request when the first page is empty', async () => {
    const fetchPage = vi.fn(async () => ({ items: [] as string[] }));
    expect(await fetchAll(fetchPage)).toEqual([]);
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it('fails as a whole when a page fails mid-way, and asks for no more', async () => {
    const fetchPage = vi
      .fn()
      .mockResolvedValueOnce({ items: [1], next_cursor: 'b' })
      .mockRejectedValueOnce(new Error('503'))
      .mockResolvedValue({ items: [2], next_cursor: null });
    await expect(fetchAll(fetchPage)).rejects.toThrow('503');
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it('gives up on a cursor that never ends', async () => {
    const fetchPage = vi.fn(async () => ({ items: [0], next_cursor: 'again' }));
    await expect(fetchAll(fetchPage)).rejects.toThrow(`${MAX_PAGES} pages`);
    expect(fetchPage).toHaveBeenCalledTimes(MAX_PAGES);
  });
});

describe('fetchAllPages', () => {
  it('keeps each page whole, for lists that carry more than items', async () => {
    const fetchPage = vi
      .fn()
      .mockResolvedValueOnce({ items: ['a'], next_cursor: 'b', total: 2 })
      .mockResolvedValueOnce({ items: ['b'], next_cursor: null, total: 2 });
    expect(await fetchAllPages(fetchPage)).toEqual([
      { items: ['a'], next_cursor: 'b', total: 2 },
      { items: ['b'], next_cursor: null, total: 2 },
    ]);
  });
});
