//! The query cache belongs to the person who filled it: when their session ends (sign-out, an
//! expired or revoked session) or someone else signs in, nothing they saw (drafts, e-mails, their
//! memberships and API keys) may stay visible.
import type { QueryClient } from '@tanstack/react-query';
import { session } from './session';

/**
 * Clears the cache whenever a signed-in person's session ends or another person takes over.
 * Pages still on screen are reset (their data gone at once) and fetch again as whoever is signed
 * in now; a silent token refresh for the same person, and a first sign-in (the anonymous view holds
 * nothing private; the sign-in page refetches), keep the cache. Returns the unsubscribe function.
 */
export function bindCacheToSession(queryClient: QueryClient): () => void {
  let userId = session.getState().user?.id ?? null;
  return session.subscribe(() => {
    const previous = userId;
    userId = session.getState().user?.id ?? null;
    if (previous === null || previous === userId) return;
    queryClient.removeQueries({ type: 'inactive' });
    queryClient.getMutationCache().clear();
    void queryClient.resetQueries();
  });
}
