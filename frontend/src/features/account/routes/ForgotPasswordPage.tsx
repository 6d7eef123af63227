import { useState } from 'react';
import { Link } from 'react-router';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { PageTitle } from '../../../components/PageTitle';
import { useT } from '../../../i18n';
import { isApiError } from '../../../lib/api/problem';
import { useSubmit } from '../../../lib/useSubmit';
import { useRequestPasswordReset } from '../api/account';

/**
 * "Zapomenuté heslo": asks for the address and then says the same thing whether or not it has an
 * account (the API answers 202 either way), so the page reveals nobody's account.
 */
export function ForgotPasswordPage() {
  const t = useT();
  const request = useRequestPasswordReset();
  const submit = useSubmit();
  const [email, setEmail] = useState('');
  const [missing, setMissing] = useState(false);
  const [sent, setSent] = useState(false);

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setMissing(!email.trim());
    if (!email.trim()) {
      requestAnimationFrame(() => (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus());
      return;
    }
    void submit.run(async () => {
      await request.mutateAsync(email.trim());
      setSent(true);
    });
  }

  const emailErrors = missing ? [t('fieldError.required')] : submit.errors.email;
  return (
    <div className="narrow">
      <PageTitle title={t('account.forgot.title')}>{t('account.forgot.title')}</PageTitle>
      {sent ? (
        <div className="notice notice-success" role="status">
          <p>{t('account.forgot.sent')}</p>
          <p>
            <Link to="/sign-in">{t('account.backToSignIn')}</Link>
          </p>
        </div>
      ) : (
        <>
          <p>{t('account.forgot.intro')}</p>
          {isApiError(submit.error, 429) ? (
            <div className="notice notice-error" role="alert" tabIndex={-1}>
              <p>{t('account.forgot.tooMany')}</p>
            </div>
          ) : (
            <FormErrors error={submit.error} fields={['email']} />
          )}
          <form onSubmit={onSubmit} noValidate>
            <Field label={t('auth.email')} errors={emailErrors} required requiredText={t('common.required')}>
              <input type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
            </Field>
            <button type="submit" className="btn btn-primary" disabled={submit.busy}>
              {submit.busy ? t('account.sending') : t('account.forgot.submit')}
            </button>
          </form>
          <p>
            <Link to="/sign-in">{t('account.backToSignIn')}</Link>
          </p>
        </>
      )}
    </div>
  );
}
