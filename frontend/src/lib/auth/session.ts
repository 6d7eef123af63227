//! The signed-in session: access token in memory only, refresh token in sessionStorage
//! (survives a reload of this tab, not the browser), and the signed-in user.
import type { components } from '../api/schema';

/** The signed-in person's own account, with what they manage (`manages`). */
export type SessionUser = components['schemas']['Me'];
export type TokenPair = components['schemas']['TokenPair'];

export interface SessionState {
  user: SessionUser | null;
  /** True when a session ended because its refresh token was refused (expired or revoked). */
  expired: boolean;
}

const REFRESH_KEY = 'spoluplan.refresh';
let accessToken: string | null = null;
let state: SessionState = { user: null, expired: false };
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function emit(next: SessionState) {
  state = next;
  for (const l of listeners) l();
}

export const session = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getState: () => state,
  getAccessToken: () => accessToken,
  getRefreshToken: () => storage()?.getItem(REFRESH_KEY) ?? null,
  /** Stores a fresh pair from /auth/login or /auth/refresh. */
  signIn(pair: TokenPair) {
    accessToken = pair.access_token;
    storage()?.setItem(REFRESH_KEY, pair.refresh_token);
    emit({ user: pair.user, expired: false });
  },
  setUser(user: SessionUser) {
    emit({ ...state, user });
  },
  /** Forgets the tokens; `expired` tells the UI to explain why the person is signed out. */
  clear(expired = false) {
    accessToken = null;
    storage()?.removeItem(REFRESH_KEY);
    emit({ user: null, expired });
  },
  acknowledgeExpiry() {
    if (state.expired) emit({ ...state, expired: false });
  },
};
