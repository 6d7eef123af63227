//! The signed-in person's own memberships (`GET /api/v1/me/memberships`): one request per session
//! tells which working groups they sit in and which they lead. Cached under the person's id until
//! their session ends (`lib/auth/sessionCache.ts`) or their own membership changes
//! (see `invalidateMyMemberships`).
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { fetchAll } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';
import type { Member } from './groups';

export const membershipKeys = {
  all: ['me', 'memberships'] as const,
  of: (userId: string) => [...membershipKeys.all, userId] as const,
};

/** Every membership of the caller, all pages of them. */
export function fetchMyMemberships(): Promise<Member[]> {
  return fetchAll((query) => unwrap(api.GET('/api/v1/me/memberships', { params: { query } })));
}

export const myMembershipsQuery = (userId: string) =>
  queryOptions({
    queryKey: membershipKeys.of(userId),
    queryFn: fetchMyMemberships,
    // Cached for the session: sign-in, sign-out and changes to one's own membership invalidate it.
    staleTime: Infinity,
  });

/** Ids of the groups led, judged from the person's memberships. */
export function ledGroupIds(memberships: Member[] | undefined): string[] {
  return [...new Set((memberships ?? []).filter((m) => m.role === 'leader').map((m) => m.working_group_id))].sort();
}

/** After a change to the signed-in person's own membership (joined, left, role or stakeholder changed). */
export function invalidateMyMemberships(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: membershipKeys.all });
}
