//! The network of social services as the web app reads it: the kinds of service of Act 108/2006 and
//! the services of a territory.
import { queryOptions } from '@tanstack/react-query';
import { api, type Schemas } from '../../../lib/api/client';
import { fetchAll } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';

export type Service = Schemas['Service'];
export type ServiceKind = Schemas['ServiceKind'];

export const serviceKeys = {
  all: ['services'] as const,
  kinds: () => [...serviceKeys.all, 'kinds'] as const,
  ofTerritory: (territoryId: string) => [...serviceKeys.all, 'territory', territoryId] as const,
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

/** "pečovatelská služba (§40)": a service's kind as the Act names it, with its paragraph. */
export function kindLabel(kinds: ServiceKind[], code: string | null | undefined): string | null {
  const kind = code ? kinds.find((k) => k.code === code) : undefined;
  return kind ? `${kind.name} (${kind.paragraph})` : null;
}
