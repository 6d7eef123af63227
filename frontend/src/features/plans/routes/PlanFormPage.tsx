import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ConflictNotice } from '../../../components/ConflictNotice';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { PageTitle } from '../../../components/PageTitle';
import { NotAllowed, PageError, PageLoading, SignInPrompt } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { useSubmit } from '../../../lib/useSubmit';
import { createPlan, planKeys, planQuery, textsEditable, updatePlan, type Plan } from '../api/plans';
import { PlanFrozen } from '../components/PlanFrozen';

const FIELDS = ['title', 'territory', 'period_start', 'period_end', 'summary', 'vision'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

const toValues = (p?: Plan): Values => ({
  title: p?.title ?? '',
  territory: p?.territory ?? '',
  period_start: p ? String(p.period_start) : '',
  period_end: p ? String(p.period_end) : '',
  summary: p?.summary ?? '',
  vision: p?.vision ?? '',
});

export function PlanFormPage() {
  const { planId } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const existing = useQuery({ ...planQuery(planId ?? ''), enabled: !!planId });
  const [values, setValues] = useState<Values>(toValues());
  const submit = useSubmit();

  useEffect(() => {
    if (existing.data) setValues(toValues(existing.data));
  }, [existing.data]);

  const title = planId ? t('plan.editTitle') : t('plan.create');
  // Only coordinators and admins manage plans, and a plan's texts only until its approval.
  if (!isStaff(user)) {
    return (
      <div className="narrow">
        <PageTitle title={title}>{title}</PageTitle>
        {user ? <NotAllowed /> : <SignInPrompt />}
      </div>
    );
  }
  if (planId && existing.isPending) return <PageLoading />;
  if (planId && existing.error) return <PageError error={existing.error} />;
  if (existing.data && !textsEditable(existing.data.status)) {
    return (
      <div className="narrow">
        <PageTitle title={title}>{title}</PageTitle>
        <PlanFrozen status={existing.data.status} back={`/plans/${existing.data.id}`} />
      </div>
    );
  }

  const set = (k: keyof Values) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));

  const years = { period_start: Number(values.period_start), period_end: Number(values.period_end) };

  return (
    <div className="narrow">
      <PageTitle title={title}>{title}</PageTitle>
      {submit.conflict && (
        <ConflictNotice
          onReload={async () => {
            submit.clear();
            const fresh = await existing.refetch();
            if (fresh.data) setValues(toValues(fresh.data));
          }}
        />
      )}
      {!submit.conflict && <FormErrors error={submit.error} fields={FIELDS} />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(async () => {
            const body = { ...values, ...years };
            const plan = planId && existing.data
              ? await updatePlan(planId, existing.data.version, body)
              : await createPlan(body);
            await queryClient.invalidateQueries({ queryKey: planKeys.all });
            navigate(`/plans/${plan.id}`);
          });
        }}
      >
        <Field label={t('plan.fields.title')} errors={submit.errors.title} required requiredText={t('common.required')}>
          <input type="text" value={values.title} onChange={set('title')} />
        </Field>
        <Field
          label={t('plan.fields.territory')}
          hint={t('plan.fields.territoryHint')}
          errors={submit.errors.territory}
          required
          requiredText={t('common.required')}
        >
          <input type="text" value={values.territory} onChange={set('territory')} />
        </Field>
        <div className="field-row">
          <Field label={t('plan.fields.periodStart')} errors={submit.errors.period_start} required requiredText={t('common.required')}>
            <input type="number" inputMode="numeric" min={2000} max={2100} value={values.period_start} onChange={set('period_start')} />
          </Field>
          <Field label={t('plan.fields.periodEnd')} errors={submit.errors.period_end ?? submit.errors.period} required requiredText={t('common.required')}>
            <input type="number" inputMode="numeric" min={2000} max={2100} value={values.period_end} onChange={set('period_end')} />
          </Field>
        </div>
        <Field label={t('plan.fields.summary')} errors={submit.errors.summary}>
          <textarea rows={4} value={values.summary} onChange={set('summary')} />
        </Field>
        <Field label={t('plan.fields.vision')} errors={submit.errors.vision}>
          <textarea rows={4} value={values.vision} onChange={set('vision')} />
        </Field>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {t('common.save')}
          </button>
          <Link className="btn btn-secondary" to={planId ? `/plans/${planId}` : '/'}>
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
