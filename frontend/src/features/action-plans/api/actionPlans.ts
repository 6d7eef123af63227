import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { fetchAll } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';

export type ActionPlan = Schemas['ActionPlan'];
export type ActionPlanItem = Schemas['ActionPlanItem'];

export const actionPlanKeys = {
  all: ['action-plans'] as const,
  ofPlan: (planId: string) => [...actionPlanKeys.all, 'plan', planId] as const,
  detail: (id: string) => [...actionPlanKeys.all, 'detail', id] as const,
};

/** A plan's yearly action plans, by year. */
export const planActionPlansQuery = (planId: string) =>
  queryOptions({
    queryKey: actionPlanKeys.ofPlan(planId),
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/plans/{id}/action-plans', { params: { path: { id: planId }, query } }))),
  });

export const actionPlanQuery = (id: string) =>
  queryOptions({
    queryKey: actionPlanKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/action-plans/{id}', { params: { path: { id } } })),
  });

const invalidateActionPlans = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: actionPlanKeys.all });

/** Starts the year's action plan of plan `planId`. */
export const useCreateActionPlan = () =>
  useWrite(
    ({ planId, body }: { planId: string; body: Schemas['ActionPlanCreate'] }) =>
      unwrap(api.POST('/api/v1/plans/{id}/action-plans', { params: { path: { id: planId } }, body })),
    invalidateActionPlans,
  );

/** Saves a draft action plan's items, or approves it. */
export const useUpdateActionPlan = () =>
  useWrite(
    ({ actionPlan, body }: { actionPlan: ActionPlan; body: Schemas['ActionPlanPatch'] }) =>
      unwrap(api.PATCH('/api/v1/action-plans/{id}', { params: { path: { id: actionPlan.id }, header: ifMatch(actionPlan.version) }, body })),
    invalidateActionPlans,
  );

/** The meetings of the groups of a territory (and below), newest last: those whose resolution may approve a year's plan. */
export const territoryMeetingsQuery = (territoryId: string) =>
  queryOptions({
    queryKey: [...actionPlanKeys.all, 'meetings', territoryId] as const,
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/meetings', { params: { query: { ...query, territory_id: territoryId } } }))),
  });
