import { queryOptions } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { fetchAll } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';

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

export function createGoal(planId: string, body: Schemas['GoalCreate']) {
  return unwrap(api.POST('/api/v1/plans/{id}/goals', { params: { path: { id: planId } }, body }));
}

export function updateGoal(id: string, version: number, body: Schemas['GoalPatch']) {
  return unwrap(api.PATCH('/api/v1/goals/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));
}

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
