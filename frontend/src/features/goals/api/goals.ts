import { queryOptions } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { fetchAll } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';
import { invalidatePlans } from '../../plans/api/plans';

export type Goal = Schemas['Goal'];

export const goalKeys = {
  all: ['goals'] as const,
  detail: (id: string) => [...goalKeys.all, 'detail', id] as const,
  ofPlan: (planId: string) => [...goalKeys.all, 'plan', planId] as const,
};

export const goalQuery = (id: string) =>
  queryOptions({
    queryKey: goalKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/goals/{id}', { params: { path: { id } } })),
  });

export const planGoalsQuery = (planId: string) =>
  queryOptions({
    queryKey: goalKeys.ofPlan(planId),
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/plans/{id}/goals', { params: { path: { id: planId }, query } }))),
  });

/** Adds a goal to plan `planId`, or saves `goal` when given; the plan's tree shows it either way. */
export const useSaveGoal = () =>
  useWrite(
    ({ goal, planId, body }: { goal?: Goal; planId: string; body: Schemas['GoalCreate'] }) =>
      goal
        ? unwrap(api.PATCH('/api/v1/goals/{id}', { params: { path: { id: goal.id }, header: ifMatch(goal.version) }, body }))
        : unwrap(api.POST('/api/v1/plans/{id}/goals', { params: { path: { id: planId } }, body })),
    (queryClient) => Promise.all([queryClient.invalidateQueries({ queryKey: goalKeys.all }), invalidatePlans(queryClient)]),
  );

type GoalNode = Schemas['GoalNode'] | Schemas['SubGoalNode'];

/** A goal (or sub-goal) of a plan tree with its measures, and the goal above it, if any. */
export function findGoalNode(
  goals: Schemas['GoalNode'][],
  id: string,
): { goal: GoalNode; parent: Schemas['GoalNode'] | null } | null {
  for (const goal of goals) {
    if (goal.id === id) return { goal, parent: null };
    const sub = goal.sub_goals.find((s) => s.id === id);
    if (sub) return { goal: sub, parent: goal };
  }
  return null;
}
