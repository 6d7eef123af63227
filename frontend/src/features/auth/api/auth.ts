import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/problem';
import { session } from '../../../lib/auth/session';

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ email, password }: { email: string; password: string }) => {
      const pair = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password } }));
      session.signIn(pair);
      return pair.user;
    },
    // Drafts and staff-only data become visible: forget what the anonymous visitor saw.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** Revokes the refresh token family on the server (best effort) and forgets it here. */
export async function signOut() {
  const refreshToken = session.getRefreshToken();
  try {
    if (refreshToken) await api.POST('/api/v1/auth/logout', { body: { refresh_token: refreshToken } });
  } catch {
    /* signed out locally anyway */
  } finally {
    session.clear();
  }
}
