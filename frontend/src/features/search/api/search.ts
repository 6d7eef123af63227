//! Search as the web app asks for it: what was typed, the kinds of thing and the territory, read
//! from and written to the results page's address (`/search?q=…&types=…&territory=…`), and the
//! hits a page at a time.
import { infiniteQueryOptions } from '@tanstack/react-query';
import { api, type Schemas } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/problem';

export type SearchHit = Schemas['SearchHit'];
export type SearchKind = Schemas['SearchKind'];

/** The kinds of thing search finds, in the order their groups are offered. */
export const SEARCH_KINDS: SearchKind[] = ['plan', 'goal', 'measure', 'service', 'organization', 'working_group', 'meeting', 'need'];

/** The shortest text the API searches. */
export const MIN_QUERY = 2;

/** Hits on one page of results. */
export const SEARCH_PAGE_SIZE = 50;

export interface SearchFilters {
  q: string;
  /** Only these kinds; all when empty. */
  types: SearchKind[];
  /** A territory's id: what lies in it or below it. */
  territory: string;
}

export function readSearch(params: URLSearchParams): SearchFilters {
  const types = (params.get('types') ?? '').split(',').filter((t): t is SearchKind => (SEARCH_KINDS as string[]).includes(t));
  return { q: params.get('q')?.trim() ?? '', types: SEARCH_KINDS.filter((k) => types.includes(k)), territory: params.get('territory') ?? '' };
}

export function searchToParams(filters: SearchFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.types.length > 0) params.set('types', SEARCH_KINDS.filter((k) => filters.types.includes(k)).join(','));
  if (filters.territory) params.set('territory', filters.territory);
  return params;
}

/** Whether there is enough text to search. */
export const searchable = (filters: SearchFilters) => [...filters.q].length >= MIN_QUERY;

export const searchQuery = (filters: SearchFilters) =>
  infiniteQueryOptions({
    queryKey: ['search', filters] as const,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/search', {
          params: {
            query: {
              q: filters.q,
              types: filters.types.length > 0 ? filters.types.join(',') : undefined,
              territory_id: filters.territory || undefined,
              limit: SEARCH_PAGE_SIZE,
              cursor: pageParam,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    enabled: searchable(filters),
  });

/** Hits grouped by kind, the groups in the order of their best hit (hits come best first). */
export function groupByKind(hits: SearchHit[]): [SearchKind, SearchHit[]][] {
  const groups = new Map<SearchKind, SearchHit[]>();
  for (const hit of hits) groups.set(hit.type, [...(groups.get(hit.type) ?? []), hit]);
  return [...groups];
}

/** The web app's own path of a hit (the API's `url` is absolute, for other systems). */
export const hitPath = (hit: SearchHit) => new URL(hit.url).pathname;
