import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { fetchAll } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';
import { invalidatePlans } from '../../plans/api/plans';
import { invalidateServices } from '../../services/api/services';

export type Measure = Schemas['Measure'];
export type MeasureStatus = Schemas['MeasureStatus'];
export type Indicator = Schemas['Indicator'];
export type Funding = Schemas['Funding'];
export type FundingSource = Schemas['FundingSource'];
export const FUNDING_SOURCES: FundingSource[] = ['municipality', 'region', 'state', 'eu', 'other'];
/** What stays editable once the plan is approved (the API refuses the rest with 409). */
export const IMPLEMENTATION_FIELDS = ['status', 'progress', 'indicators', 'funding_sources', 'implementation_note'] as const;

export const MEASURE_STATUSES: MeasureStatus[] = ['planned', 'in_progress', 'completed', 'postponed', 'cancelled'];

export const measureKeys = {
  all: ['measures'] as const,
  detail: (id: string) => [...measureKeys.all, 'detail', id] as const,
  updates: (id: string) => [...measureKeys.all, 'updates', id] as const,
  ofTerritory: (territoryId: string) => [...measureKeys.all, 'territory', territoryId] as const,
};

export const measureQuery = (id: string) =>
  queryOptions({
    queryKey: measureKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/measures/{id}', { params: { path: { id } } })),
  });

/** The measures of the plans of a territory and of every territory below it (of every plan: ''), that the caller may see. */
export const territoryMeasuresQuery = (territoryId: string) =>
  queryOptions({
    queryKey: measureKeys.ofTerritory(territoryId),
    queryFn: () =>
      fetchAll((query) =>
        unwrap(api.GET('/api/v1/measures', { params: { query: { ...query, ...(territoryId ? { territory_id: territoryId } : {}) } } })),
      ),
  });

export const measureUpdatesQuery = (id: string) =>
  queryOptions({
    queryKey: measureKeys.updates(id),
    queryFn: () => unwrap(api.GET('/api/v1/measures/{id}/updates', { params: { path: { id } } })),
  });

/** A measure's change shows on its page, in its plan (tree, progress, document) and on the services and
 * organizations it names; so does a change of the needs it answers. */
export const invalidateMeasures = (queryClient: QueryClient) =>
  Promise.all([queryClient.invalidateQueries({ queryKey: measureKeys.all }), invalidatePlans(queryClient), invalidateServices(queryClient)]);

/** Adds a measure to goal `goalId`, or saves `measure` when given (after approval only its implementation fields). */
export const useSaveMeasure = () =>
  useWrite(
    (
      vars: { measure: Measure; body: Schemas['MeasurePatch'] } | { measure?: undefined; goalId: string; body: Schemas['MeasureCreate'] },
    ) =>
      vars.measure
        ? unwrap(api.PATCH('/api/v1/measures/{id}', { params: { path: { id: vars.measure.id }, header: ifMatch(vars.measure.version) }, body: vars.body }))
        : unwrap(api.POST('/api/v1/goals/{id}/measures', { params: { path: { id: vars.goalId } }, body: vars.body })),
    invalidateMeasures,
  );

/** Records how far a measure has got (status, progress, what was done). */
export const useAddProgressUpdate = () =>
  useWrite(
    ({ id, body }: { id: string; body: Schemas['ProgressUpdateCreate'] }) =>
      unwrap(api.POST('/api/v1/measures/{id}/updates', { params: { path: { id } }, body })),
    invalidateMeasures,
  );

/** A number typed by a person (Czech decimal comma allowed) → number; '' → null; junk → NaN. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  if (t === '') return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/** CZK typed by a person ("125 000,5 Kč") → the API's decimal string ("125000.50"); unchanged when not a number. */
export function normalizeMoney(text: string): string {
  const t = text.trim().replace(/[\s\u00a0]/g, '').replace(/(Kč|CZK)$/i, '').replace(',', '.');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(2, '0')}` : text.trim();
}
