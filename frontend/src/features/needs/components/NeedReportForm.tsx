//! "Nahlásit potřebu": what is lacking, where and for whom; anonymous reporters give a name and
//! may give an e-mail. The notice says what is stored, why, for how long, and that the e-mail is
//! never shown. Once sent, the confirmation says what happens next.
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { TargetGroupSelect } from '../../../components/TargetGroupSelect';
import { useT } from '../../../i18n';
import { isApiError } from '../../../lib/api/problem';
import { useSession } from '../../../lib/auth/useSession';
import { useSubmit } from '../../../lib/useSubmit';
import { TerritorySelect } from '../../territories/components/TerritorySelect';
import { useReportNeed, type Need } from '../api/needs';

const FIELDS = ['title', 'description', 'territory_id', 'target_group_codes', 'author_name', 'author_email'] as const;

export function NeedReportForm({ territoryId = '' }: { territoryId?: string }) {
  const t = useT();
  const { user } = useSession();
  const report = useReportNeed();
  const submit = useSubmit();
  const noticeId = useId();
  const [values, setValues] = useState({ title: '', description: '', territory: territoryId, groups: [] as string[], name: '', email: '' });
  const [sent, setSent] = useState<Need | null>(null);
  const confirmation = useRef<HTMLDivElement>(null);
  const update = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));

  const send = (e: React.FormEvent) => {
    e.preventDefault();
    void submit.run(async () => {
      const need = await report.mutateAsync({
        title: values.title,
        description: values.description,
        territory_id: values.territory || null,
        target_group_codes: values.groups,
        ...(user ? {} : { author_name: values.name, author_email: values.email.trim() || null }),
      });
      setSent(need);
      setValues((v) => ({ ...v, title: '', description: '', groups: [] }));
      requestAnimationFrame(() => confirmation.current?.focus());
    });
  };

  if (sent) {
    return (
      <div className="notice notice-success" role="status" tabIndex={-1} ref={confirmation}>
        <h2>{t('needs.sent.title')}</h2>
        <p>{t('needs.sent.next')}</p>
        <p>{t(user || !values.email.trim() ? 'needs.sent.followOnline' : 'needs.sent.followEmail')}</p>
        <p className="inline-actions">
          <Link to={`/needs/${sent.id}`}>{t('needs.sent.view')}</Link>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setSent(null)}>
            {t('needs.sent.another')}
          </button>
        </p>
      </div>
    );
  }
  const errors = submit.errors;
  return (
    <form onSubmit={send} noValidate aria-describedby={noticeId}>
      {isApiError(submit.error, 429) ? (
        <div className="notice notice-error" role="alert" tabIndex={-1}>
          <p>{t('errors.rateLimited')}</p>
        </div>
      ) : (
        <FormErrors error={submit.error} fields={FIELDS} />
      )}
      <Field label={t('needs.fields.title')} hint={t('needs.fields.titleHint')} errors={errors.title} required requiredText={t('common.required')}>
        <input type="text" maxLength={300} value={values.title} onChange={(e) => update({ title: e.target.value })} />
      </Field>
      <Field label={t('needs.fields.description')} hint={t('needs.fields.descriptionHint')} errors={errors.description}>
        <textarea rows={5} value={values.description} onChange={(e) => update({ description: e.target.value })} />
      </Field>
      <Field label={t('needs.fields.territory')} hint={t('needs.fields.territoryHint')} errors={errors.territory_id}>
        <TerritorySelect empty={t('needs.fields.noTerritory')} value={values.territory} onChange={(territory) => update({ territory })} />
      </Field>
      <Field
        label={t('needs.fields.targetGroup')}
        hint={t('needs.fields.targetGroupHint')}
        errors={errors.target_group_codes}
      >
        <TargetGroupSelect label={t('needs.fields.targetGroup')} value={values.groups} onChange={(groups) => update({ groups })} />
      </Field>
      {!user && (
        <>
          <Field label={t('needs.fields.name')} hint={t('needs.fields.nameHint')} errors={errors.author_name} required requiredText={t('common.required')}>
            <input type="text" autoComplete="name" value={values.name} onChange={(e) => update({ name: e.target.value })} />
          </Field>
          <Field label={t('comments.email')} hint={t('needs.fields.emailHint')} errors={errors.author_email}>
            <input type="email" autoComplete="email" value={values.email} onChange={(e) => update({ email: e.target.value })} />
          </Field>
        </>
      )}
      <section className="notice" id={noticeId} aria-labelledby={`${noticeId}-title`}>
        <h2 id={`${noticeId}-title`}>{t('needs.gdpr.title')}</h2>
        <p>{t(user ? 'needs.gdpr.storedSignedIn' : 'needs.gdpr.stored')}</p>
        <p>{t('needs.gdpr.why')}</p>
        <p>{t('needs.gdpr.howLong')}</p>
        <p>{t('needs.gdpr.email')}</p>
      </section>
      <button type="submit" className="btn btn-primary" disabled={submit.busy}>
        {submit.busy ? t('common.sending') : t('needs.submit')}
      </button>
    </form>
  );
}
