//! One's own e-mail subscriptions (`/me/subscriptions`): to a plan, a working group or a territory.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { fetchAll } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';

export type Subscription = Schemas['Subscription'];
export type SubscriptionTarget = Subscription['target_type'];

/** The web app's page of each kind of target. */
export const TARGET_PAGES: Record<SubscriptionTarget, string> = {
  plan: '/plans',
  working_group: '/working-groups',
  territory: '/territories',
};

export const subscriptionKeys = { mine: ['subscriptions', 'mine'] as const };

export const mySubscriptionsQuery = () =>
  queryOptions({
    queryKey: subscriptionKeys.mine,
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/me/subscriptions', { params: { query } }))),
  });

const refresh = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: subscriptionKeys.mine });

export const useSubscribe = () =>
  useWrite(
    (body: { target_type: SubscriptionTarget; target_id: string }) => unwrap(api.POST('/api/v1/me/subscriptions', { body })),
    refresh,
  );

export const useUnsubscribe = () =>
  useWrite(
    (subscription: Subscription) =>
      unwrap(
        api.DELETE('/api/v1/me/subscriptions/{id}', {
          params: { path: { id: subscription.id }, header: ifMatch(subscription.version) },
        }),
      ),
    refresh,
  );
