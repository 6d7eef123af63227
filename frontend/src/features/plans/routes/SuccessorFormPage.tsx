//! Starting the next cycle's plan (navazující plán) from an evaluated one: its title and years; the
//! territory, texts, goals and measures come from the plan it follows.
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { Field } from '../../../components/Field';
import { FormActions } from '../../../components/FormActions';
import { FormNotices } from '../../../components/FormNotices';
import { NarrowPage } from '../../../components/NarrowPage';
import { NotAllowed, PageError, PageLoading, SignInPrompt } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { canManageTerritory, useSession } from '../../../lib/auth/useSession';
import { useForm } from '../../../lib/useForm';
import { planQuery, useStartSuccessor, type Plan } from '../api/plans';

const FIELDS = ['title', 'period_start', 'period_end'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

/** The next cycle as long as this one, starting the year after it ends. */
const toValues = (p?: Plan): Values => ({
  title: '',
  period_start: p ? String(p.period_end + 1) : '',
  period_end: p ? String(2 * p.period_end - p.period_start + 1) : '',
});

export function SuccessorFormPage() {
  const { planId = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { user } = useSession();
  const previous = useQuery(planQuery(planId));
  const form = useForm({ entity: previous.data, toValues, fields: FIELDS, refetch: previous.refetch });
  const start = useStartSuccessor();
  const title = t('successor.start');

  if (!user) return <NarrowPage title={title}><SignInPrompt /></NarrowPage>;
  if (previous.isPending) return <PageLoading />;
  if (previous.error) return <PageError error={previous.error} />;
  if (!canManageTerritory(user, previous.data.territory_id)) return <NarrowPage title={title}><NotAllowed /></NarrowPage>;

  const { values, field, errors } = form;
  return (
    <NarrowPage title={title}>
      <p className="lead">{t('successor.intro', { title: previous.data.title })}</p>
      <FormNotices form={form} />
      <form
        noValidate
        onSubmit={form.onSubmit(async (v) => {
          const body = { title: v.title, period_start: Number(v.period_start), period_end: Number(v.period_end) };
          const plan = await start.mutateAsync({ id: planId, body });
          navigate(`/plans/${plan.id}`);
        })}
      >
        <Field label={t('plan.fields.title')} errors={errors.title} required requiredText={t('common.required')}>
          <input type="text" value={values.title} onChange={field('title')} />
        </Field>
        <div className="field-row">
          <Field label={t('plan.fields.periodStart')} errors={errors.period_start} required requiredText={t('common.required')}>
            <input type="number" inputMode="numeric" min={2000} max={2100} value={values.period_start} onChange={field('period_start')} />
          </Field>
          <Field label={t('plan.fields.periodEnd')} errors={errors.period_end} required requiredText={t('common.required')}>
            <input type="number" inputMode="numeric" min={2000} max={2100} value={values.period_end} onChange={field('period_end')} />
          </Field>
        </div>
        <FormActions busy={form.busy} back={`/plans/${planId}`} save={t('successor.create')} />
      </form>
    </NarrowPage>
  );
}
