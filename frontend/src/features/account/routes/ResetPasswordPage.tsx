import { useState } from 'react';
import { Link } from 'react-router';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { PageTitle } from '../../../components/PageTitle';
import { useT } from '../../../i18n';
import { useSubmit } from '../../../lib/useSubmit';
import { useConfirmPasswordReset } from '../api/account';
import { useLinkToken } from '../api/linkToken';
import { InvalidLink } from '../components/InvalidLink';

const FIELDS = ['token', 'new_password', 'confirm'] as const;

/** The page a reset e-mail links to (`/reset-password#token=…`): the new password, twice. */
export function ResetPasswordPage() {
  const t = useT();
  const token = useLinkToken();
  const confirm = useConfirmPasswordReset();
  const submit = useSubmit();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const [done, setDone] = useState(false);

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    // Checked here in our own words (the form is noValidate); the password's strength only the server judges.
    const errors: Record<string, string[]> = {};
    if (!password) errors.new_password = [t('fieldError.required')];
    if (!again) errors.confirm = [t('fieldError.required')];
    else if (password !== again) errors.confirm = [t('account.reset.mismatch')];
    setLocal(errors);
    if (Object.keys(errors).length) {
      submit.clear();
      requestAnimationFrame(() => (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus());
      return;
    }
    void submit.run(async () => {
      await confirm.mutateAsync({ token: token!, new_password: password });
      setDone(true);
    });
  }

  const title = t('account.reset.title');
  if (done) {
    return (
      <div className="narrow">
        <PageTitle title={title}>{title}</PageTitle>
        <div className="notice notice-success" role="status">
          <p>{t('account.reset.done')}</p>
          <p>
            <Link to="/sign-in">{t('auth.submit')}</Link>
          </p>
        </div>
      </div>
    );
  }
  const errors = { ...submit.errors, ...local };
  // An unknown, spent or expired link cannot be fixed on this page: say so and offer a new one.
  if (!token || errors.token) {
    return (
      <div className="narrow">
        <PageTitle title={title}>{title}</PageTitle>
        <InvalidLink>
          <p>
            <Link to="/forgot-password">{t('account.reset.requestAgain')}</Link>
          </p>
        </InvalidLink>
      </div>
    );
  }
  return (
    <div className="narrow">
      <PageTitle title={title}>{title}</PageTitle>
      <p>{t('account.reset.intro')}</p>
      <FormErrors error={submit.error} fields={FIELDS} />
      <form onSubmit={onSubmit} noValidate>
        <Field
          label={t('account.reset.password')}
          hint={t('account.reset.passwordHint')}
          errors={errors.new_password}
          required
          requiredText={t('common.required')}
        >
          <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Field label={t('account.reset.again')} errors={errors.confirm} required requiredText={t('common.required')}>
          <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={submit.busy}>
          {submit.busy ? t('account.saving') : t('account.reset.submit')}
        </button>
      </form>
    </div>
  );
}
