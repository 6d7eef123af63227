//! How often one hears of one's subscriptions, and the language of the e-mails.
import { useState } from 'react';
import { ChoiceSelect } from '../../../components/ChoiceSelect';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { useT } from '../../../i18n';
import type { Schemas } from '../../../lib/api/client';
import type { SessionUser } from '../../../lib/auth/session';
import { useForm } from '../../../lib/useForm';
import { useUpdateMe } from '../api/account';

const FREQUENCIES: readonly Schemas['NotificationFrequency'][] = ['immediate', 'daily', 'weekly', 'never'];
const LANGUAGES: readonly Schemas['Language'][] = ['cs', 'en'];
const FIELDS = ['notification_frequency', 'language'] as const;
const toValues = (me: SessionUser | undefined) => ({
  notification_frequency: me?.notification_frequency ?? 'immediate',
  language: me?.language ?? 'cs',
});

export function NotificationsForm({ me }: { me: SessionUser }) {
  const t = useT();
  const update = useUpdateMe();
  const form = useForm({ entity: me, toValues, fields: FIELDS });
  const [saved, setSaved] = useState(false);
  return (
    <section className="panel" aria-labelledby="account-notifications">
      <h2 id="account-notifications">{t('myAccount.notifications')}</h2>
      <div role="status">{saved && <p className="notice notice-success">{t('myAccount.saved')}</p>}</div>
      <FormErrors error={form.error} fields={FIELDS} />
      <form
        noValidate
        onSubmit={form.onSubmit(async (values) => {
          setSaved(false);
          await update.mutateAsync(values);
          setSaved(true);
        })}
      >
        <Field label={t('myAccount.frequency')} hint={t('myAccount.frequencyHint')} errors={form.errors.notification_frequency}>
          <ChoiceSelect
            choices={FREQUENCIES}
            labels="notificationFrequency"
            value={form.values.notification_frequency}
            onChange={(notification_frequency) => form.update({ notification_frequency })}
          />
        </Field>
        <Field label={t('myAccount.language')} errors={form.errors.language}>
          <ChoiceSelect choices={LANGUAGES} labels="emailLanguage" value={form.values.language} onChange={(language) => form.update({ language })} />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          {form.busy ? t('account.saving') : t('common.save')}
        </button>
      </form>
    </section>
  );
}
