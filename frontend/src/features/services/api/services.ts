//! The network of social services as the web app reads it: the kinds of service of Act 108/2006,
//! the public catalogue (filtered, a page at a time), one service, one organization, and the
//! searches behind the pickers of the measure form.
import { infiniteQueryOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, type Schemas } from '../../../lib/api/client';
import { fetchAll } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';
import type { CatalogueFilters } from './catalogueFilters';

export type Service = Schemas['Service'];
export type ServiceDetail = Schemas['ServiceDetail'];
export type ServiceKind = Schemas['ServiceKind'];
export type ServiceForm = Schemas['ServiceForm'];
export type Organization = Schemas['Organization'];
export type OrganizationKind = Schemas['OrganizationKind'];
export type OrganizationDetail = Schemas['OrganizationDetail'];

/** The forms of §33 in the order the Act names them. */
export const SERVICE_FORMS: ServiceForm[] = ['residential', 'outpatient', 'field'];

/** The kinds of organization, the providers first. */
export const ORGANIZATION_KINDS: OrganizationKind[] = ['provider', 'municipality', 'region', 'state', 'ngo', 'church', 'other'];

/** Services on one page of the catalogue. */
export const CATALOGUE_PAGE_SIZE = 20;
/** Candidates a picker offers for what has been typed. */
const PICKER_SIZE = 20;

export const serviceKeys = {
  all: ['services'] as const,
  kinds: () => [...serviceKeys.all, 'kinds'] as const,
  ofTerritory: (territoryId: string) => [...serviceKeys.all, 'territory', territoryId] as const,
  catalogue: (filters: CatalogueFilters) => [...serviceKeys.all, 'catalogue', filters] as const,
  detail: (id: string) => [...serviceKeys.all, 'detail', id] as const,
  search: (text: string) => [...serviceKeys.all, 'search', text] as const,
  organization: (id: string) => [...serviceKeys.all, 'organization', id] as const,
  organizationSearch: (text: string) => [...serviceKeys.all, 'organization-search', text] as const,
};

/** The Act's code list: it changes only with the law, so it is kept for the session. */
export const serviceKindsQuery = () =>
  queryOptions({
    queryKey: serviceKeys.kinds(),
    queryFn: () => unwrap(api.GET('/api/v1/service-kinds', {})).then((page) => page.items),
    staleTime: Infinity,
  });

/** The services in operation today that serve a territory or any territory below it. */
export const territoryServicesQuery = (territoryId: string) =>
  queryOptions({
    queryKey: serviceKeys.ofTerritory(territoryId),
    queryFn: () =>
      fetchAll((query) => unwrap(api.GET('/api/v1/services', { params: { query: { ...query, territory_id: territoryId, active: true } } }))),
  });

/**
 * The catalogue: services in operation today matching the filters, a page at a time (the national
 * register holds thousands, so the catalogue never reads them all at once).
 */
export const catalogueQuery = (filters: CatalogueFilters) =>
  infiniteQueryOptions({
    queryKey: serviceKeys.catalogue(filters),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/services', {
          params: {
            query: {
              kind_code: filters.kind || undefined,
              form: filters.form || undefined,
              target_group_code: filters.group || undefined,
              territory_id: filters.territory || undefined,
              q: filters.q || undefined,
              active: true,
              limit: CATALOGUE_PAGE_SIZE,
              cursor: pageParam,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/** One service with the measures that develop it (of the plans the reader may see). */
export const serviceQuery = (id: string) =>
  queryOptions({
    queryKey: serviceKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/services/{id}', { params: { path: { id } } })),
  });

/** One organization with its services and the measures it is responsible for or a partner of. */
export const organizationQuery = (id: string) =>
  queryOptions({
    queryKey: serviceKeys.organization(id),
    queryFn: () => unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id } } })),
  });

/** Services whose name contains `text`, for the service picker (ended ones too: a plan may name them). */
export const serviceSearchQuery = (text: string) =>
  queryOptions({
    queryKey: serviceKeys.search(text),
    queryFn: () =>
      unwrap(api.GET('/api/v1/services', { params: { query: { q: text || undefined, limit: PICKER_SIZE } } })).then((page) => page.items),
  });

/** Organizations whose name contains `text`, for the organization pickers. */
export const organizationSearchQuery = (text: string) =>
  queryOptions({
    queryKey: serviceKeys.organizationSearch(text),
    queryFn: () =>
      unwrap(api.GET('/api/v1/organizations', { params: { query: { q: text || undefined, limit: PICKER_SIZE } } })).then(
        (page) => page.items,
      ),
  });

/** "pečovatelská služba (§40)": a service's kind as the Act names it, with its paragraph. */
export function kindLabel(kinds: ServiceKind[], code: string | null | undefined): string | null {
  const kind = code ? kinds.find((k) => k.code === code) : undefined;
  return kind ? `${kind.name} (${kind.paragraph})` : null;
}

/**
 * A measure's change of the services and organizations it names shows on their pages (what they
 * answer as `measures`); the code list of kinds stays as it is.
 */
export const invalidateServices = (queryClient: QueryClient) =>
  queryClient.invalidateQueries({ queryKey: serviceKeys.all, predicate: (query) => query.queryKey[1] !== 'kinds' });
