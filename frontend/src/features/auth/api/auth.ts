import { api } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { unwrap } from '../../../lib/api/problem';
import { session } from '../../../lib/auth/session';

export const useSignIn = () =>
  useWrite(
    async ({ email, password }: { email: string; password: string }) => {
      const pair = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password } }));
      session.signIn(pair);
      return pair.user;
    },
    // Drafts and staff-only data become visible: forget what the anonymous visitor saw.
    (queryClient) => queryClient.invalidateQueries(),
  );

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
