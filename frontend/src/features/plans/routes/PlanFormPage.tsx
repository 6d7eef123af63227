import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { Field } from '../../../components/Field';
import { FormActions } from '../../../components/FormActions';
import { FormNotices } from '../../../components/FormNotices';
import { NarrowPage } from '../../../components/NarrowPage';
import { NotAllowed, PageError, PageLoading, SignInPrompt } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { canManageTerritory, isStaff, useSession } from '../../../lib/auth/useSession';
import { useForm } from '../../../lib/useForm';
import { TerritorySelect } from '../../territories/components/TerritorySelect';
import { planQuery, textsEditable, useSavePlan, type Plan } from '../api/plans';
import { PlanFrozen } from '../components/PlanFrozen';

const FIELDS = ['title', 'territory_id', 'period_start', 'period_end', 'summary', 'vision'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

const toValues = (p?: Plan): Values => ({
  title: p?.title ?? '',
  territory_id: p?.territory_id ?? '',
  period_start: p ? String(p.period_start) : '',
  period_end: p ? String(p.period_end) : '',
  summary: p?.summary ?? '',
  vision: p?.vision ?? '',
});

export function PlanFormPage() {
  const { planId } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { user } = useSession();
  const existing = useQuery({ ...planQuery(planId ?? ''), enabled: !!planId });
  const form = useForm({ entity: existing.data, toValues, fields: FIELDS, refetch: existing.refetch });
  const save = useSavePlan();

  const title = planId ? t('plan.editTitle') : t('plan.create');
  // Only coordinators and admins manage plans, those of their territories, and a plan's texts only
  // until its approval.
  if (!isStaff(user)) return <NarrowPage title={title}>{user ? <NotAllowed /> : <SignInPrompt />}</NarrowPage>;
  if (planId && existing.isPending) return <PageLoading />;
  if (planId && existing.error) return <PageError error={existing.error} />;
  if (existing.data && !canManageTerritory(user, existing.data.territory_id)) {
    return <NarrowPage title={title}><NotAllowed /></NarrowPage>;
  }
  if (existing.data && !textsEditable(existing.data.status)) {
    return (
      <NarrowPage title={title}>
        <PlanFrozen status={existing.data.status} back={`/plans/${existing.data.id}`} />
      </NarrowPage>
    );
  }

  const { values, field, errors } = form;
  return (
    <NarrowPage title={title}>
      <FormNotices form={form} />
      <form
        onSubmit={form.onSubmit(async (v) => {
          const body = { ...v, territory_id: v.territory_id || null, period_start: Number(v.period_start), period_end: Number(v.period_end) };
          const plan = await save.mutateAsync({ plan: existing.data, body });
          navigate(`/plans/${plan.id}`);
        })}
      >
        <Field label={t('plan.fields.title')} errors={errors.title} required requiredText={t('common.required')}>
          <input type="text" value={values.title} onChange={field('title')} />
        </Field>
        <Field
          label={t('plan.fields.territory')}
          hint={t('plan.fields.territoryHint')}
          errors={errors.territory_id}
          required
          requiredText={t('common.required')}
        >
          <TerritorySelect managed empty={t('territories.choose')} value={values.territory_id} onChange={(territory_id) => form.update({ territory_id })} />
        </Field>
        <div className="field-row">
          <Field label={t('plan.fields.periodStart')} errors={errors.period_start} required requiredText={t('common.required')}>
            <input type="number" inputMode="numeric" min={2000} max={2100} value={values.period_start} onChange={field('period_start')} />
          </Field>
          <Field label={t('plan.fields.periodEnd')} errors={errors.period_end ?? errors.period} required requiredText={t('common.required')}>
            <input type="number" inputMode="numeric" min={2000} max={2100} value={values.period_end} onChange={field('period_end')} />
          </Field>
        </div>
        <Field label={t('plan.fields.summary')} errors={errors.summary}>
          <textarea rows={4} value={values.summary} onChange={field('summary')} />
        </Field>
        <Field label={t('plan.fields.vision')} errors={errors.vision}>
          <textarea rows={4} value={values.vision} onChange={field('vision')} />
        </Field>
        <FormActions busy={form.busy} back={planId ? `/plans/${planId}` : '/'} />
      </form>
    </NarrowPage>
  );
}
