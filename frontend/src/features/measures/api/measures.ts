import { queryOptions } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/problem';

export type Measure = Schemas['Measure'];
export type MeasureStatus = Schemas['MeasureStatus'];
export const MEASURE_STATUSES: MeasureStatus[] = ['planned', 'in_progress', 'completed', 'postponed', 'cancelled'];

export const measureKeys = {
  all: ['measures'] as const,
  detail: (id: string) => [...measureKeys.all, 'detail', id] as const,
  updates: (id: string) => [...measureKeys.all, 'updates', id] as const,
};

export const measureQuery = (id: string) =>
  queryOptions({
    queryKey: measureKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/measures/{id}', { params: { path: { id } } })),
  });

export const measureUpdatesQuery = (id: string) =>
  queryOptions({
    queryKey: measureKeys.updates(id),
    queryFn: () => unwrap(api.GET('/api/v1/measures/{id}/updates', { params: { path: { id } } })),
  });

export function createMeasure(goalId: string, body: Schemas['MeasureCreate']) {
  return unwrap(api.POST('/api/v1/goals/{id}/measures', { params: { path: { id: goalId } }, body }));
}

export function updateMeasure(id: string, version: number, body: Schemas['MeasurePatch']) {
  return unwrap(api.PATCH('/api/v1/measures/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));
}

/** "A, B ,, C" → ["A", "B", "C"] for the partners field. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
