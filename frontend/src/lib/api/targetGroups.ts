//! The target groups (cílové skupiny) that groups, measures, services, needs and surveys name by
//! `code`: a short code list every feature reads, so it lives in the shared layer.
import { queryOptions } from '@tanstack/react-query';
import { api, type Schemas } from './client';
import { fetchAll } from './pages';
import { unwrap } from './problem';

export type TargetGroup = Schemas['TargetGroup'];

/** Every target group, read once a session unless a coordinator adds one (rare; a reload shows it). */
export const targetGroupsQuery = () =>
  queryOptions({
    queryKey: ['target-groups'] as const,
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/target-groups', { params: { query } }))),
    staleTime: 10 * 60_000,
  });

/** The names of `codes`, in their order; a code no longer listed stands as itself. */
export function targetGroupNames(groups: TargetGroup[], codes: string[]): string[] {
  return codes.map((code) => groups.find((g) => g.code === code)?.name ?? code);
}
