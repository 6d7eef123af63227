//! Plan versions (snapshots taken at every lifecycle move) and the comparison of two states of a plan.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, type Schemas } from '../../../lib/api/client';
import { fetchAll } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';

export type Version = Schemas['Version'];
export type PlanDiff = Schemas['PlanDiff'];
export type FieldChange = Schemas['FieldChange'];
export type RowsDiff = Schemas['RowsDiff'];

const versionKeys = {
  all: ['versions'] as const,
  list: (planId: string) => [...versionKeys.all, 'list', planId] as const,
  diff: (planId: string, from: string, to: string) => [...versionKeys.all, 'diff', planId, from, to] as const,
};

/** Every version of the plan, oldest first. */
export const versionsQuery = (planId: string) =>
  queryOptions({
    queryKey: versionKeys.list(planId),
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/plans/{id}/versions', { params: { path: { id: planId }, query } }))),
  });

/** What changed from `from` to `to` (each a version id or `current`). */
export const diffQuery = (planId: string, from: string, to: string) =>
  queryOptions({
    queryKey: versionKeys.diff(planId, from, to),
    queryFn: () => unwrap(api.GET('/api/v1/plans/{id}/diff', { params: { path: { id: planId }, query: { from, to } } })),
  });

/** After a lifecycle move of the plan (each takes a version): its list of versions and comparisons. */
export function invalidateVersions(queryClient: QueryClient, planId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: versionKeys.list(planId) }),
    queryClient.invalidateQueries({ queryKey: [...versionKeys.all, 'diff', planId] }),
  ]);
}
