//! The network overview (přehled sítě sociálních služeb) as the web app reads it.
import { queryOptions } from '@tanstack/react-query';
import { api, type Schemas } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/problem';
import { serviceKeys } from './services';

export type NetworkOverview = Schemas['NetworkOverview'];
export type UnitTotal = Schemas['UnitTotal'];
export type CapacityUnit = UnitTotal['unit'];

/** The order of the units' columns: as the API lists a service's capacity units. */
const UNIT_ORDER: CapacityUnit[] = ['clients', 'beds', 'contacts', 'interventions', 'calls'];

/** Per territory and kind, the services provided today in a territory and below it. */
export const networkOverviewQuery = (territoryId: string) =>
  queryOptions({
    queryKey: [...serviceKeys.all, 'overview', territoryId] as const,
    queryFn: async (): Promise<NetworkOverview> => {
      const data = await unwrap(api.GET('/api/v1/services/overview', { params: { query: { territory_id: territoryId, format: 'json' } } }));
      // The same operation also answers CSV; asked for JSON, a string means a broken answer.
      if (typeof data === 'string') throw new Error('expected a JSON network overview');
      return data;
    },
  });

/** The same overview as CSV for Czech Excel, for a download link. */
export const overviewCsvHref = (territoryId: string) =>
  `/api/v1/services/overview?territory_id=${encodeURIComponent(territoryId)}&format=csv`;

/** The units some service of the overview registers, in column order: a unit nobody uses gets no column. */
export function unitsOf(overview: NetworkOverview): CapacityUnit[] {
  const used = new Set(overview.totals.flatMap((t) => t.capacities.map((c) => c.unit)));
  return UNIT_ORDER.filter((u) => used.has(u));
}

/** The count of `unit` among `capacities`, or null when none is registered. */
export function countOf(capacities: UnitTotal[], unit: CapacityUnit): number | null {
  return capacities.find((c) => c.unit === unit)?.count ?? null;
}
