//! Changing one's password: the current one, and the new one twice.
import { useState } from 'react';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { useT } from '../../../i18n';
import { useSubmit } from '../../../lib/useSubmit';
import { useChangePassword } from '../api/account';

const FIELDS = ['current_password', 'new_password', 'confirm'] as const;
const BLANK = { current_password: '', new_password: '', confirm: '' };

export function PasswordForm() {
  const t = useT();
  const change = useChangePassword();
  const submit = useSubmit();
  const [values, setValues] = useState(BLANK);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const set = (key: keyof typeof BLANK) => (e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [key]: e.target.value });

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setDone(false);
    const differ = values.new_password !== values.confirm;
    setMismatch(differ);
    if (differ) {
      submit.clear();
      requestAnimationFrame(() => (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus());
      return;
    }
    void submit.run(async () => {
      await change.mutateAsync({ current_password: values.current_password, new_password: values.new_password });
      setValues(BLANK);
      setDone(true);
    });
  }

  return (
    <section className="panel" aria-labelledby="account-password">
      <h2 id="account-password">{t('myAccount.password')}</h2>
      <div role="status">{done && <p className="notice notice-success">{t('myAccount.passwordChanged')}</p>}</div>
      <FormErrors error={submit.error} fields={FIELDS} />
      <form noValidate onSubmit={onSubmit}>
        <Field label={t('myAccount.currentPassword')} errors={submit.errors.current_password} required requiredText={t('common.required')}>
          <input type="password" autoComplete="current-password" value={values.current_password} onChange={set('current_password')} />
        </Field>
        <Field
          label={t('account.reset.password')}
          hint={t('account.reset.passwordHint')}
          errors={submit.errors.new_password}
          required
          requiredText={t('common.required')}
        >
          <input type="password" autoComplete="new-password" value={values.new_password} onChange={set('new_password')} />
        </Field>
        <Field
          label={t('account.reset.again')}
          errors={mismatch ? [t('account.reset.mismatch')] : undefined}
          required
          requiredText={t('common.required')}
        >
          <input type="password" autoComplete="new-password" value={values.confirm} onChange={set('confirm')} />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={submit.busy}>
          {submit.busy ? t('account.saving') : t('myAccount.changePassword')}
        </button>
      </form>
    </section>
  );
}
