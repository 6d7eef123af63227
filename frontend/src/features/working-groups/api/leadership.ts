//! Which working groups the signed-in person leads, from one cached `GET /me/memberships`
//! (see `memberships.ts`). Staff need no lookup; signed-out visitors lead nothing.
import { useQuery } from '@tanstack/react-query';
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { ledGroupIds, myMembershipsQuery } from './memberships';

export interface Leadership {
  /** Coordinator or admin: may do everything a leader may, in every group. */
  staff: boolean;
  /** Whether the person leads this group (always false when signed out). */
  leads: (groupId: string | null | undefined) => boolean;
  /** Ids of the groups the person leads (only among `groupIds`, or all of them when not given). */
  led: string[];
  ready: boolean;
}

/** Leaderships of the signed-in member among `groupIds` (or all of them when omitted). */
export function useLeadership(groupIds?: (string | null | undefined)[]): Leadership {
  const { user } = useSession();
  const staff = isStaff(user);
  const lookUp = !!user && !staff;
  const memberships = useQuery({ ...myMembershipsQuery(user?.id ?? ''), enabled: lookUp });
  const all = lookUp ? ledGroupIds(memberships.data) : [];
  const led = groupIds ? all.filter((id) => groupIds.includes(id)) : all;
  return {
    staff,
    leads: (groupId) => !!groupId && led.includes(groupId),
    led,
    ready: !lookUp || !memberships.isPending,
  };
}
