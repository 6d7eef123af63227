//! Comments and their settlement (vypořádání).
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import type { SessionUser } from '../../../lib/auth/session';
import { canManageTerritory } from '../../../lib/auth/useSession';
import { useWrite } from '../../../lib/api/mutation';
import { fetchAll, fetchAllPages } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';

export type Comment = Schemas['Comment'];
export type TargetType = Schemas['TargetType'];
export type Resolution = Schemas['Resolution'];
export type Channel = Schemas['Channel'];
/** Ways a comment arrives other than the web form, which staff enter on the submitter's behalf. */
export const OFF_WEB_CHANNELS: Channel[] = ['paper', 'email', 'meeting'];
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
      fetchAll((page) => unwrap(api.GET('/api/v1/comments', { params: { query: { target_type: type, target_id: id, ...page } } }))),
  });

/** Something in a plan a comment can be about; `depth` indents sub-goals and measures in a list. */
export interface CommentTarget {
  type: Extract<TargetType, 'plan' | 'goal' | 'measure'>;
  id: string;
  code: string | null;
  title: string;
  depth: number;
}

/** The plan, then each goal followed by its measures and its sub-goals (with theirs), in the tree's order. */
export function commentTargets(tree: Schemas['PlanTree']): CommentTarget[] {
  const out: CommentTarget[] = [{ type: 'plan', id: tree.plan.id, code: null, title: tree.plan.title, depth: 0 }];
  type Goal = Schemas['SubGoalNode'] & { sub_goals?: Schemas['SubGoalNode'][] };
  const visit = (goal: Goal, depth: number) => {
    out.push({ type: 'goal', id: goal.id, code: goal.code, title: goal.title, depth });
    for (const m of goal.measures) out.push({ type: 'measure', id: m.id, code: m.code, title: m.title, depth: depth + 1 });
    for (const sub of goal.sub_goals ?? []) visit(sub, depth + 1);
  };
  for (const goal of tree.goals) visit(goal, 1);
  return out;
}

/** Every comment query: the lists where a comment shows and the settlement register, which counts it. */
export function invalidateComments(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: commentKeys.all });
}

/** A comment mutation; its success refreshes every comment query. */
const useCommentMutation = <V, R>(write: (vars: V) => Promise<R>) => useWrite(write, invalidateComments);

export const usePostComment = () => useCommentMutation((body: Schemas['CommentCreate']) => unwrap(api.POST('/api/v1/comments', { body })));

/** Coordinators hide a comment (with the reason, required) or publish it again. */
export const useModerateComment = () =>
  useCommentMutation(({ comment, status, reason }: { comment: Comment; status: Schemas['CommentStatus']; reason: string | null }) =>
    unwrap(
      api.PATCH('/api/v1/comments/{id}', {
        params: { path: { id: comment.id }, header: ifMatch(comment.version) },
        body: { status, moderation_reason: reason },
      }),
    ),
  );

/** The author edits their text (`If-Match` guards against overwriting a newer version). */
export const useUpdateComment = () =>
  useCommentMutation(({ comment, body }: { comment: Comment; body: string }) =>
    unwrap(api.PATCH('/api/v1/comments/{id}', { params: { path: { id: comment.id }, header: ifMatch(comment.version) }, body: { body } })),
  );

export const useDeleteComment = () =>
  useCommentMutation((comment: Comment) =>
    unwrap(api.DELETE('/api/v1/comments/{id}', { params: { path: { id: comment.id }, header: ifMatch(comment.version) } })),
  );

/**
 * Whether to offer "edit" and "delete" on a comment: only its signed-in author's, and not once it is
 * settled (the register keeps it as it was answered). Other rules (a closed consultation) are the API's.
 */
export function isOwnEditable(comment: Comment, user: SessionUser | null | undefined): boolean {
  return !!user && !!comment.author.id && comment.author.id === user.id && !comment.resolution;
}

/** Which moderation control a comment gets: coordinators of the territory its plan or group belongs
 * to hide published comments and restore hidden ones (only staff ever receive hidden comments);
 * everyone else gets none. */
export function moderationAction(
  comment: Comment,
  user: SessionUser | null | undefined,
  territoryId: string | null | undefined,
): 'hide' | 'restore' | null {
  if (!canManageTerritory(user, territoryId)) return null;
  return comment.status === 'hidden' ? 'restore' : 'hide';
}

export const reportQuery = (planId: string) =>
  queryOptions({
    queryKey: commentKeys.report(planId),
    queryFn: async (): Promise<Schemas['ConsultationReport']> => {
      // The API answers the register a page at a time; this page filters and settles all of it.
      const pages = await fetchAllPages(async (page) => {
        const data = await unwrap(
          api.GET('/api/v1/plans/{id}/consultation-report', { params: { path: { id: planId }, query: { format: 'json', ...page } } }),
        );
        // The same operation also answers CSV and HTML; asked for JSON, a string means a broken answer.
        if (typeof data === 'string') throw new Error('expected a JSON settlement register');
        return data;
      });
      return { ...pages[pages.length - 1]!, items: pages.flatMap((p) => p.items) };
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

/**
 * Settles comments one after another with the same answer; `onSettled(id)` after each, so a
 * failure part-way leaves the rest selected. The register is fetched again once, at the end.
 */
export const useResolveComments = () =>
  useCommentMutation(async ({ ids, body, onSettled }: { ids: string[]; body: Schemas['ResolutionCreate']; onSettled: (id: string) => void }) => {
    for (const id of ids) {
      await unwrap(api.POST('/api/v1/comments/{id}/resolution', { params: { path: { id } }, body }));
      onSettled(id);
    }
  });
