//! Needs (potřeby) as the web app reads and writes them: the public list with its filters, one
//! need, the report anyone may send, and the review by the need's working group or coordinators.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { fetchAll } from '../../../lib/api/pages';
import { toApiError, unwrap } from '../../../lib/api/problem';
import { invalidateMeasures } from '../../measures/api/measures';

export type Need = Schemas['Need'];
export type NeedStatus = Schemas['NeedStatus'];
export type NeedSource = Schemas['NeedSource'];
export const NEED_STATUSES: NeedStatus[] = ['new', 'in_review', 'addressed', 'not_addressed', 'duplicate'];
export const NEED_SOURCES: NeedSource[] = ['public', 'user', 'provider', 'commissioner', 'survey', 'analysis'];

/** The list's filters as the address bar keeps them; an empty one filters nothing. */
export interface NeedFilters {
  territory_id: string;
  target_group_code: string;
  status: NeedStatus | '';
}

export const needKeys = {
  all: ['needs'] as const,
  list: (filters: NeedFilters) => [...needKeys.all, 'list', filters] as const,
  detail: (id: string) => [...needKeys.all, 'detail', id] as const,
};

/** The filters the API is sent: the empty ones left out. */
function given(filters: NeedFilters) {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')) as Partial<Record<keyof NeedFilters, string>> & {
    status?: NeedStatus;
  };
}

/** Needs matching the filters (a territory with everything below it), newest first. */
export const needsQuery = (filters: NeedFilters) =>
  queryOptions({
    queryKey: needKeys.list(filters),
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/needs', { params: { query: { ...query, ...given(filters) } } }))),
  });

export const needQuery = (id: string) =>
  queryOptions({
    queryKey: needKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/needs/{id}', { params: { path: { id } } })),
  });

/** A need's change shows in the lists, on its page and on the measures it links (their "odpovídá na potřeby"). */
const invalidateNeeds = (queryClient: QueryClient) =>
  Promise.all([queryClient.invalidateQueries({ queryKey: needKeys.all }), invalidateMeasures(queryClient)]);

export const useReportNeed = () => useWrite((body: Schemas['NeedCreate']) => unwrap(api.POST('/api/v1/needs', { body })), invalidateNeeds);

export const useReviewNeed = () =>
  useWrite(
    ({ need, body }: { need: Need; body: Schemas['NeedPatch'] }) =>
      unwrap(api.PATCH('/api/v1/needs/{id}', { params: { path: { id: need.id }, header: ifMatch(need.version) }, body })),
    invalidateNeeds,
  );

/** Coordinators where the need lies delete it (spam, a report in error); 409 `in_use` while duplicates point to it. */
export const useDeleteNeed = () =>
  useWrite(async (need: Need) => {
    const { error, response } = await api.DELETE('/api/v1/needs/{id}', { params: { path: { id: need.id }, header: ifMatch(need.version) } });
    if (!response.ok) throw toApiError(error, response);
  }, invalidateNeeds);
