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

export function isAdmin(user: SessionUser | null | undefined): boolean {
  return user?.role === 'admin';
}
