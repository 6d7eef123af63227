import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { fetchAllPages } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';
import { invalidatePlans } from '../../plans/api/plans';

export type Activity = Schemas['Activity'];

export const activityKeys = {
  all: ['activities'] as const,
  ofMeasure: (measureId: string) => [...activityKeys.all, 'measure', measureId] as const,
};

/** A measure's activities in order, with its estimated cost against the sum of theirs (the same on every page). */
export const measureActivitiesQuery = (measureId: string) =>
  queryOptions({
    queryKey: activityKeys.ofMeasure(measureId),
    queryFn: async () => {
      const pages = await fetchAllPages((query) =>
        unwrap(api.GET('/api/v1/measures/{id}/activities', { params: { path: { id: measureId }, query } })),
      );
      const { measure_cost, activities_cost, cost_mismatch } = pages[0]!;
      return { items: pages.flatMap((p) => p.items), measure_cost, activities_cost, cost_mismatch };
    },
  });

/** An activity shows on its measure's page and in the plan's document and action plans. */
const invalidateActivities = (queryClient: QueryClient) =>
  Promise.all([queryClient.invalidateQueries({ queryKey: activityKeys.all }), invalidatePlans(queryClient)]);

/** Adds an activity to measure `measureId`, or saves `activity` when given (after approval only its status). */
export const useSaveActivity = () =>
  useWrite(
    (
      vars:
        | { activity: Activity; body: Schemas['ActivityPatch'] }
        | { activity?: undefined; measureId: string; body: Schemas['ActivityCreate'] },
    ) =>
      vars.activity
        ? unwrap(
            api.PATCH('/api/v1/activities/{id}', { params: { path: { id: vars.activity.id }, header: ifMatch(vars.activity.version) }, body: vars.body }),
          )
        : unwrap(api.POST('/api/v1/measures/{id}/activities', { params: { path: { id: vars.measureId } }, body: vars.body })),
    invalidateActivities,
  );

export const useDeleteActivity = () =>
  useWrite(
    (activity: Activity) =>
      unwrap(api.DELETE('/api/v1/activities/{id}', { params: { path: { id: activity.id }, header: ifMatch(activity.version) } })),
    invalidateActivities,
  );
