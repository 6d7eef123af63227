//! The account links sent by e-mail: asking for a password reset, setting the new password with the
//! link's token, and confirming a new e-mail address.
import { api } from '../../../lib/api/client';
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
