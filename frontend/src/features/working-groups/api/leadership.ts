//! Which working groups the signed-in person leads, from one cached `GET /me/memberships`
//! (see `memberships.ts`), and whether they manage a territory's resources as a coordinator.
//! Coordinators of the whole installation need no lookup; signed-out visitors lead nothing.
import { useQuery } from '@tanstack/react-query';
import { canManageTerritory, managesEverywhere, useSession } from '../../../lib/auth/useSession';
import { ledGroupIds, myMembershipsQuery } from './memberships';

export interface Leadership {
  /** Coordinator or admin of this territory (`canManageTerritory`): may do everything a leader may
   * in its groups, and manage its plans. */
  manages: (territoryId: string | null | undefined) => boolean;
  /** Whether the person leads this group (always false when signed out). */
  leads: (groupId: string | null | undefined) => boolean;
  /** Ids of the groups the person leads (only among `groupIds`, or all of them when not given). */
  led: string[];
  ready: boolean;
}

/** Leaderships of the signed-in person among `groupIds` (or all of them when omitted). A coordinator
 * of some territories may lead a group elsewhere, where a leader's rights are all they have. */
export function useLeadership(groupIds?: (string | null | undefined)[]): Leadership {
  const { user } = useSession();
  const lookUp = !!user && !managesEverywhere(user);
  const memberships = useQuery({ ...myMembershipsQuery(user?.id ?? ''), enabled: lookUp });
  const all = lookUp ? ledGroupIds(memberships.data) : [];
  const led = groupIds ? all.filter((id) => groupIds.includes(id)) : all;
  return {
    manages: (territoryId) => canManageTerritory(user, territoryId),
    leads: (groupId) => !!groupId && led.includes(groupId),
    led,
    ready: !lookUp || !memberships.isPending,
  };
}
