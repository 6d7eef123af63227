//! Comments and their settlement (vypořádání).
import { queryOptions } from '@tanstack/react-query';
import { api, type Schemas } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/problem';

export type Comment = Schemas['Comment'];
export type TargetType = Schemas['TargetType'];
export type Resolution = Schemas['Resolution'];
export const RESOLUTIONS: Resolution[] = ['accepted', 'partially_accepted', 'rejected', 'noted'];

export const commentKeys = {
  all: ['comments'] as const,
  target: (type: TargetType, id: string) => [...commentKeys.all, type, id] as const,
  report: (planId: string) => [...commentKeys.all, 'report', planId] as const,
};

export const commentsQuery = (type: TargetType, id: string) =>
  queryOptions({
    queryKey: commentKeys.target(type, id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/comments', { params: { query: { target_type: type, target_id: id, limit: 200 } } })),
  });

export function postComment(body: Schemas['CommentCreate']) {
  return unwrap(api.POST('/api/v1/comments', { body }));
}

export const reportQuery = (planId: string) =>
  queryOptions({
    queryKey: commentKeys.report(planId),
    queryFn: async (): Promise<Schemas['ConsultationReport']> => {
      const data = await unwrap(
        api.GET('/api/v1/plans/{id}/consultation-report', { params: { path: { id: planId }, query: { format: 'json' } } }),
      );
      // The same operation also answers CSV and HTML; asked for JSON, a string means a broken answer.
      if (typeof data === 'string') throw new Error('expected a JSON settlement register');
      return data;
    },
  });

/** The register as CSV (for Excel), through the authenticated client: drafts need the token, and an
 * expired session is renewed or ended the usual way. */
export function reportCsv(planId: string): Promise<Blob> {
  return unwrap(
    api.GET('/api/v1/plans/{id}/consultation-report', {
      params: { path: { id: planId }, query: { format: 'csv' } },
      parseAs: 'blob',
    }),
  );
}

export function resolveComment(id: string, body: Schemas['ResolutionCreate']) {
  return unwrap(api.POST('/api/v1/comments/{id}/resolution', { params: { path: { id } }, body }));
}
