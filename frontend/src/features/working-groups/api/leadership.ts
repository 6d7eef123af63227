//! Which working groups the signed-in person leads. The API has no "my memberships" call, so a
//! member's leaderships are read from the member lists of the groups in question (cached by Query).
import { useQueries, useQuery } from '@tanstack/react-query';
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { groupsQuery, isLeaderOf, membersQuery } from './groups';

export interface Leadership {
  /** Coordinator or admin: may do everything a leader may, in every group. */
  staff: boolean;
  /** Whether the person leads this group (always false when signed out). */
  leads: (groupId: string | null | undefined) => boolean;
  /** Ids of the groups the person leads (only among `groupIds`, or all groups when not given). */
  led: string[];
  ready: boolean;
}

/**
 * Leaderships of the signed-in member among `groupIds` (or among all groups when omitted).
 * Staff need no lookup; signed-out visitors lead nothing.
 */
export function useLeadership(groupIds?: (string | null | undefined)[]): Leadership {
  const { user } = useSession();
  const staff = isStaff(user);
  const lookUp = !!user && !staff;
  const all = useQuery({ ...groupsQuery(), enabled: lookUp && !groupIds });
  const ids = [
    ...new Set((groupIds ?? all.data?.items.map((g) => g.id) ?? []).filter((id): id is string => !!id)),
  ].sort();
  const lists = useQueries({
    queries: ids.map((id) => ({ ...membersQuery(id), enabled: lookUp })),
  });
  const led = lookUp ? ids.filter((_, i) => isLeaderOf(lists[i]?.data?.items, user?.id)) : [];
  return {
    staff,
    leads: (groupId) => !!groupId && led.includes(groupId),
    led,
    ready: !lookUp || (lists.every((q) => !q.isPending) && (!!groupIds || !all.isPending)),
  };
}
