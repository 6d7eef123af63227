//! Plans: queries, keys and mutations.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { fetchAll } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';

export type Plan = Schemas['Plan'];
export type PlanStatus = Schemas['PlanStatus'];
export type PlanTree = Schemas['PlanTree'];

export const planKeys = {
  all: ['plans'] as const,
  list: () => [...planKeys.all, 'list'] as const,
  detail: (id: string) => [...planKeys.all, 'detail', id] as const,
  ofTerritory: (territoryId: string) => [...planKeys.all, 'territory', territoryId] as const,
  tree: (id: string) => [...planKeys.all, 'tree', id] as const,
  history: (id: string) => [...planKeys.all, 'history', id] as const,
  report: (id: string, year: number) => [...planKeys.all, 'report', id, year] as const,
};

/** Every plan the caller may see, all pages of them; with `territoryId`, those of that territory and
 * of every territory below it. */
export const plansQuery = (territoryId?: string) =>
  queryOptions({
    queryKey: territoryId ? planKeys.ofTerritory(territoryId) : planKeys.list(),
    queryFn: () =>
      fetchAll((query) => unwrap(api.GET('/api/v1/plans', { params: { query: territoryId ? { ...query, territory_id: territoryId } : query } }))),
  });

export const planQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/plans/{id}', { params: { path: { id } } })),
  });

export const planTreeQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.tree(id),
    queryFn: () => unwrap(api.GET('/api/v1/plans/{id}/tree', { params: { path: { id } } })),
  });

export const planHistoryQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.history(id),
    queryFn: () => unwrap(api.GET('/api/v1/plans/{id}/history', { params: { path: { id } } })),
  });

/** The monitoring report of a year, computed by the API from the plan's measures. */
export const planReportQuery = (id: string, year: number) =>
  queryOptions({
    queryKey: planKeys.report(id, year),
    queryFn: async (): Promise<Schemas['MonitoringReport']> => {
      const data = await unwrap(api.GET('/api/v1/plans/{id}/reports/{year}', { params: { path: { id, year } } }));
      // The same operation also answers the report as documents; asked for JSON, anything else is a broken answer.
      if (typeof data !== 'object' || Array.isArray(data)) throw new Error('expected a JSON monitoring report');
      return data;
    },
  });

export type ReportFormat = 'html' | 'md' | 'csv' | 'docx';

/** The monitoring report as a file, as the signed-in person may see it (drafts need the token). */
export function exportReport(id: string, year: number, format: ReportFormat): Promise<Blob> {
  return unwrap(api.GET('/api/v1/plans/{id}/reports/{year}', { params: { path: { id, year }, query: { format } }, parseAs: 'blob' }));
}

/** The monitoring report's address, for a plain link when nobody is signed in. */
export const reportHref = (id: string, year: number, format: ReportFormat) => `/api/v1/plans/${id}/reports/${year}?format=${format}`;

/** The years a monitoring report can be read for: the plan's period up to this year. */
export function reportYears(plan: Plan, thisYear = new Date().getFullYear()): number[] {
  const years = [];
  for (let y = plan.period_start; y <= Math.min(plan.period_end, thisYear); y++) years.push(y);
  return years;
}

export type ExportFormat = 'html' | 'md' | 'docx';

/** The plan document (HTML to print, or Markdown) as the signed-in person may see it: drafts and the
 * register annex's hidden texts need their token, so it goes through the authenticated client. */
export function exportPlan(id: string, format: ExportFormat): Promise<Blob> {
  return unwrap(api.GET('/api/v1/plans/{id}/export', { params: { path: { id }, query: { format } }, parseAs: 'blob' }));
}

/** The plan document's address, for a plain link when nobody is signed in. */
export const exportHref = (id: string, format: ExportFormat) => `/api/v1/plans/${id}/export?format=${format}`;

/**
 * After a change to anything a plan shows (its texts, goals, measures, progress): every plan query
 * is fetched again. Goals and measures call it; nothing outside this module names `planKeys`.
 */
export function invalidatePlans(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: planKeys.all });
}

/** Creates a plan, or saves `plan` (`If-Match` its version) when given. */
export const useSavePlan = () =>
  useWrite(
    ({ plan, body }: { plan?: Plan; body: Schemas['PlanCreate'] }) =>
      plan
        ? unwrap(api.PATCH('/api/v1/plans/{id}', { params: { path: { id: plan.id }, header: ifMatch(plan.version) }, body }))
        : unwrap(api.POST('/api/v1/plans', { body })),
    invalidatePlans,
  );

/** Moves a plan along its lifecycle (consultation, approval, …). */
export const useChangePlanStatus = () =>
  useWrite(
    ({ id, body }: { id: string; body: Schemas['StatusChange'] }) =>
      unwrap(api.POST('/api/v1/plans/{id}/status', { params: { path: { id } }, body })),
    invalidatePlans,
  );

/** The plan's texts, goals and measures may change only while it is a draft or in consultation. */
export function textsEditable(planStatus: PlanStatus | undefined): boolean {
  return planStatus === 'draft' || planStatus === 'consultation';
}

/** Moves the domain allows from each status (domain.md); the server still decides. */
export const NEXT_STATUSES: Record<PlanStatus, PlanStatus[]> = {
  draft: ['consultation'],
  consultation: ['approved', 'draft'],
  approved: ['implementation'],
  implementation: ['evaluated'],
  evaluated: ['archived'],
  archived: [],
};

export const STATUS_ORDER: PlanStatus[] = ['consultation', 'implementation', 'approved', 'draft', 'evaluated', 'archived'];

/** Plans grouped by territory (sorted by Czech collation), each group's plans by status then period. */
export function groupByTerritory(plans: Plan[], locale = 'cs'): { territory: string; plans: Plan[] }[] {
  const groups = new Map<string, Plan[]>();
  for (const plan of plans) {
    const list = groups.get(plan.territory) ?? [];
    list.push(plan);
    groups.set(plan.territory, list);
  }
  const collator = new Intl.Collator(locale);
  return [...groups.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([territory, list]) => ({
      territory,
      plans: list.sort(
        (a, b) =>
          STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
          b.period_start - a.period_start ||
          collator.compare(a.title, b.title),
      ),
    }));
}

/** The plans that follow `id` as the next cycle's (at most one). */
export const successorsQuery = (id: string) =>
  queryOptions({
    queryKey: [...planKeys.detail(id), 'successors'] as const,
    queryFn: () => unwrap(api.GET('/api/v1/plans', { params: { query: { previous_id: id } } })).then((page) => page.items),
  });

/** Starts the next cycle's plan from `id`: a draft with its goals and measures copied. */
export const useStartSuccessor = () =>
  useWrite(
    ({ id, body }: { id: string; body: Schemas['SuccessorCreate'] }) =>
      unwrap(api.POST('/api/v1/plans/{id}/successor', { params: { path: { id } }, body })),
    invalidatePlans,
  );

/** The plan is followed by the next one once it has been evaluated (the server allows it from approval). */
export const offersSuccessor = (status: PlanStatus) => status === 'evaluated';
