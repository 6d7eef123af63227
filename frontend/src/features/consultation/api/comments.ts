//! Comments and their settlement (vypořádání).
import { queryOptions } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import type { SessionUser } from '../../../lib/auth/session';
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

/** The author edits their text (`If-Match` guards against overwriting a newer version). */
export function updateComment(id: string, version: number, body: string) {
  return unwrap(api.PATCH('/api/v1/comments/{id}', { params: { path: { id }, header: ifMatch(version) }, body: { body } }));
}

export function deleteComment(id: string, version: number) {
  return unwrap(api.DELETE('/api/v1/comments/{id}', { params: { path: { id }, header: ifMatch(version) } }));
}

/**
 * Whether to offer "edit" and "delete" on a comment: only its signed-in author's, and not once it is
 * settled (the register keeps it as it was answered). Other rules (a closed consultation) are the API's.
 */
export function isOwnEditable(comment: Comment, user: SessionUser | null | undefined): boolean {
  return !!user && !!comment.author.id && comment.author.id === user.id && !comment.resolution;
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

/** The register as CSV (for Excel) or as the printable HTML annex, through the authenticated client:
 * drafts need the token, e-mails are only in staff's copy, and an expired session is renewed or ended
 * the usual way. */
export function reportFile(planId: string, format: 'csv' | 'html'): Promise<Blob> {
  return unwrap(
    api.GET('/api/v1/plans/{id}/consultation-report', {
      params: { path: { id: planId }, query: { format } },
      parseAs: 'blob',
    }),
  );
}

export function resolveComment(id: string, body: Schemas['ResolutionCreate']) {
  return unwrap(api.POST('/api/v1/comments/{id}/resolution', { params: { path: { id } }, body }));
}
