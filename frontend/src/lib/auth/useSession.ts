//! React view of the session and the role checks the UI uses to show controls.
import { useSyncExternalStore } from 'react';
import { session, type SessionUser } from './session';

export function useSession() {
  return useSyncExternalStore(session.subscribe, session.getState, session.getState);
}

/** Coordinators and admins manage plans, groups, users and the settlement register. */
export function isStaff(user: SessionUser | null | undefined): boolean {
  return user?.role === 'coordinator' || user?.role === 'admin';
}

/** Admins, and coordinators with no territory assigned: they manage every territory's plans and
 * groups, and those with no territory. */
export function managesEverywhere(user: SessionUser | null | undefined): boolean {
  return isStaff(user) && !!user?.manages.whole_installation;
}

/**
 * Whether the person manages the plans and working groups of `territoryId` (and what belongs to
 * them: goals, measures, meetings, the register): coordinators of the whole installation
 * everywhere, other coordinators in the territories assigned to them and those below (the API lists
 * them in `manages.territory_ids`). A resource with no territory is only for the whole
 * installation's coordinators. Group leaders' own rights are `useLeadership`'s; the API decides.
 */
export function canManageTerritory(user: SessionUser | null | undefined, territoryId: string | null | undefined): boolean {
  if (!isStaff(user)) return false;
  if (managesEverywhere(user)) return true;
  return !!territoryId && !!user?.manages.territory_ids.includes(territoryId);
}

export function isAdmin(user: SessionUser | null | undefined): boolean {
  return user?.role === 'admin';
}
