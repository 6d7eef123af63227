//! The account links sent by e-mail (asking for a password reset, setting the new password with the
//! link's token, confirming a new e-mail address), and one's own account ("Můj účet").
import { api, type Schemas } from '../../../lib/api/client';
import { session } from '../../../lib/auth/session';
import { useWrite } from '../../../lib/api/mutation';
import { unwrap } from '../../../lib/api/problem';

const nothingToRefresh = () => Promise.resolve();

/** Always 202 for a well-formed address, so the answer tells nothing about which addresses have accounts. */
export const useRequestPasswordReset = () =>
  useWrite(async (email: string) => {
    await unwrap(api.POST('/api/v1/auth/password-reset', { body: { email } }));
  }, nothingToRefresh);

export const useConfirmPasswordReset = () =>
  useWrite(async (body: { token: string; new_password: string }) => {
    await unwrap(api.POST('/api/v1/auth/password-reset/confirm', { body }));
  }, nothingToRefresh);

export const useConfirmEmailChange = () =>
  useWrite(
    async (token: string) => {
      await unwrap(api.POST('/api/v1/auth/email-change/confirm', { body: { token } }));
    },
    // A signed-in person's own account (and lists naming them) now carry the new address.
    (queryClient) => queryClient.invalidateQueries(),
  );

/** Edits one's own profile and settings; the session then shows the account as saved. A new e-mail
 * address is not taken at once: the API sends a confirmation link to it. */
export const useUpdateMe = () =>
  useWrite(
    async (body: Schemas['MePatch']) => {
      const saved = await unwrap(api.PATCH('/api/v1/me', { body }));
      session.setUser(saved);
      return saved;
    },
    nothingToRefresh,
  );

export const useChangePassword = () =>
  useWrite(async (body: Schemas['PasswordChange']) => {
    await unwrap(api.POST('/api/v1/me/password', { body }));
  }, nothingToRefresh);
