import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Field } from '../../../components/Field';
import { PageTitle } from '../../../components/PageTitle';
import { useT } from '../../../i18n';
import { isApiError } from '../../../lib/api/problem';
import { useSignIn } from '../api/auth';

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const t = useT();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn.mutateAsync({ email, password });
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      if (isApiError(err, 401) || isApiError(err, 400) || isApiError(err, 422)) setError(t('auth.invalidCredentials'));
      else if (isApiError(err, 429)) setError(t('auth.tooManyAttempts'));
      else setError(t('errors.network'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <PageTitle title={t('auth.title')}>{t('auth.title')}</PageTitle>
      <p>{t('auth.intro')}</p>
      {error && (
        <div className="notice notice-error" role="alert">
          <p>{error}</p>
        </div>
      )}
      <form onSubmit={submit} noValidate={false}>
        <Field label={t('auth.email')} required>
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label={t('auth.password')} required>
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('auth.signingIn') : t('auth.submit')}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">{t('account.forgot.link')}</Link>
      </p>
    </div>
  );
}
