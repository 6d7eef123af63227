//! A coordinator's webhooks (an admin's: everyone's): listed, created (the answer holds the signing
//! secret, shown once), edited, deleted, and each one's delivery log a page at a time.
import { infiniteQueryOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { fetchAll } from '../../../lib/api/pages';
import { toApiError, unwrap } from '../../../lib/api/problem';

export type Webhook = Schemas['Webhook'];
export type EventType = Schemas['EventType'];

/** Every event a webhook may be told of, in the order the API lists them. */
export const EVENT_TYPES: EventType[] = [
  'plan.status_changed',
  'plan.updated',
  'measure.updated',
  'comment.created',
  'comment.resolved',
  'meeting.scheduled',
  'meeting.updated',
  'meeting.cancelled',
  'need.created',
  'survey.opened',
  'service.updated',
];

/** Deliveries on one page of the log. */
const LOG_PAGE = 20;

export const webhookKeys = {
  all: ['webhooks'] as const,
  detail: (id: string) => [...webhookKeys.all, 'detail', id] as const,
  deliveries: (id: string) => [...webhookKeys.all, 'deliveries', id] as const,
};

const invalidateWebhooks = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: webhookKeys.all });

export const webhooksQuery = () =>
  queryOptions({
    queryKey: webhookKeys.all,
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/webhooks', { params: { query } }))),
  });

export const webhookQuery = (id: string) =>
  queryOptions({
    queryKey: webhookKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/webhooks/{id}', { params: { path: { id } } })),
  });

/** The delivery log, newest first. */
export const deliveriesQuery = (id: string) =>
  infiniteQueryOptions({
    queryKey: webhookKeys.deliveries(id),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id }, query: { limit: LOG_PAGE, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

export const useCreateWebhook = () =>
  useWrite((body: Schemas['WebhookCreate']) => unwrap(api.POST('/api/v1/webhooks', { body })), invalidateWebhooks);

export const useSaveWebhook = () =>
  useWrite(
    ({ webhook, body }: { webhook: Webhook; body: Schemas['WebhookPatch'] }) =>
      unwrap(api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id: webhook.id }, header: ifMatch(webhook.version) }, body })),
    invalidateWebhooks,
  );

export const useDeleteWebhook = () =>
  useWrite(async (webhook: Webhook) => {
    const { error, response } = await api.DELETE('/api/v1/webhooks/{id}', {
      params: { path: { id: webhook.id }, header: ifMatch(webhook.version) },
    });
    if (!response.ok) throw toApiError(error, response);
  }, invalidateWebhooks);
