//! The name and e-mail of one's account. A new address is confirmed by a link the API sends to it;
//! the page says so, and the address shown stays the old one until then.
import { useState } from 'react';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { useT } from '../../../i18n';
import type { SessionUser } from '../../../lib/auth/session';
import { useForm } from '../../../lib/useForm';
import { useUpdateMe } from '../api/account';

const FIELDS = ['display_name', 'email'] as const;
const toValues = (me: SessionUser | undefined) => ({ display_name: me?.display_name ?? '', email: me?.email ?? '' });

export function ProfileForm({ me }: { me: SessionUser }) {
  const t = useT();
  const update = useUpdateMe();
  const form = useForm({ entity: me, toValues, fields: FIELDS });
  const [saved, setSaved] = useState<{ confirmTo: string | null } | null>(null);
  return (
    <section className="panel" aria-labelledby="account-profile">
      <h2 id="account-profile">{t('myAccount.profile')}</h2>
      <div role="status">
        {saved && (
          <p className="notice notice-success">
            {saved.confirmTo ? t('myAccount.confirmSent', { email: saved.confirmTo }) : t('myAccount.saved')}
          </p>
        )}
      </div>
      <FormErrors error={form.error} fields={FIELDS} />
      <form
        noValidate
        onSubmit={form.onSubmit(async (values) => {
          setSaved(null);
          const email = values.email.trim();
          const changed = email !== me.email;
          await update.mutateAsync({ display_name: values.display_name, ...(changed ? { email } : {}) });
          setSaved({ confirmTo: changed ? email : null });
        })}
      >
        <Field label={t('users.displayName')} errors={form.errors.display_name} required requiredText={t('common.required')}>
          <input type="text" autoComplete="name" value={form.values.display_name} onChange={form.field('display_name')} />
        </Field>
        <Field label={t('users.email')} hint={t('myAccount.emailHint')} errors={form.errors.email} required requiredText={t('common.required')}>
          <input type="email" autoComplete="email" value={form.values.email} onChange={form.field('email')} />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          {form.busy ? t('account.saving') : t('common.save')}
        </button>
      </form>
    </section>
  );
}
