import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ConflictNotice } from '../../../components/ConflictNotice';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { PageTitle } from '../../../components/PageTitle';
import { ErrorMessage, Loading } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { useSubmit } from '../../../lib/useSubmit';
import { goalQuery } from '../../goals/api/goals';
import { planKeys } from '../../plans/api/plans';
import {
  createMeasure,
  MEASURE_STATUSES,
  measureKeys,
  measureQuery,
  splitList,
  updateMeasure,
  type Measure,
  type MeasureStatus,
} from '../api/measures';

const FIELDS = [
  'code', 'title', 'description', 'responsible', 'partners', 'start_date', 'end_date',
  'status', 'progress', 'estimated_cost', 'implementation_note', 'position',
] as const;
type Values = Record<(typeof FIELDS)[number], string>;

const toValues = (m?: Measure): Values => ({
  code: m?.code ?? '',
  title: m?.title ?? '',
  description: m?.description ?? '',
  responsible: m?.responsible ?? '',
  partners: m?.partners.join(', ') ?? '',
  start_date: m?.start_date ?? '',
  end_date: m?.end_date ?? '',
  status: m?.status ?? 'planned',
  progress: m ? String(m.progress) : '0',
  estimated_cost: m?.estimated_cost ?? '',
  implementation_note: m?.implementation_note ?? '',
  position: m ? String(m.position) : '',
});

export function MeasureFormPage() {
  const { goalId: routeGoalId, measureId } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const existing = useQuery({ ...measureQuery(measureId ?? ''), enabled: !!measureId });
  const goalId = routeGoalId ?? existing.data?.goal_id ?? '';
  const goal = useQuery({ ...goalQuery(goalId), enabled: !!goalId });
  const [values, setValues] = useState<Values>(toValues());
  const submit = useSubmit();

  useEffect(() => {
    if (existing.data) setValues(toValues(existing.data));
  }, [existing.data]);

  if (measureId && existing.isPending) return <Loading />;
  if (measureId && existing.error) return <ErrorMessage error={existing.error} />;

  const set = (k: keyof Values) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));
  const title = measureId ? t('measure.editTitle') : t('measure.add');
  const back = measureId ? `/measures/${measureId}` : goal.data ? `/plans/${goal.data.plan_id}` : '/';

  return (
    <div className="narrow">
      <PageTitle title={title}>{title}</PageTitle>
      {goal.data && (
        <p className="meta">
          {t('measure.underGoal', { code: goal.data.code, title: goal.data.title })}
        </p>
      )}
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
            const body = {
              code: values.code,
              title: values.title,
              description: values.description,
              responsible: values.responsible,
              partners: splitList(values.partners),
              start_date: values.start_date || null,
              end_date: values.end_date || null,
              status: values.status as MeasureStatus,
              progress: Number(values.progress),
              estimated_cost: values.estimated_cost.trim() || null,
              implementation_note: values.implementation_note,
              position: values.position === '' ? null : Number(values.position),
            };
            const saved =
              measureId && existing.data
                ? await updateMeasure(measureId, existing.data.version, body)
                : await createMeasure(goalId, body);
            await queryClient.invalidateQueries({ queryKey: measureKeys.all });
            await queryClient.invalidateQueries({ queryKey: planKeys.all });
            navigate(`/measures/${saved.id}`);
          });
        }}
      >
        <Field label={t('measure.fields.code')} hint={t('measure.fields.codeHint')} errors={submit.errors.code} required requiredText={t('common.required')}>
          <input type="text" value={values.code} onChange={set('code')} />
        </Field>
        <Field label={t('measure.fields.title')} errors={submit.errors.title} required requiredText={t('common.required')}>
          <input type="text" value={values.title} onChange={set('title')} />
        </Field>
        <Field label={t('measure.fields.description')} errors={submit.errors.description}>
          <textarea rows={5} value={values.description} onChange={set('description')} />
        </Field>
        <Field label={t('measure.responsible')} hint={t('measure.fields.responsibleHint')} errors={submit.errors.responsible}>
          <input type="text" value={values.responsible} onChange={set('responsible')} />
        </Field>
        <Field label={t('measure.partners')} hint={t('measure.fields.partnersHint')} errors={submit.errors.partners}>
          <input type="text" value={values.partners} onChange={set('partners')} />
        </Field>
        <div className="field-row">
          <Field label={t('measure.fields.startDate')} errors={submit.errors.start_date}>
            <input type="date" value={values.start_date} onChange={set('start_date')} />
          </Field>
          <Field label={t('measure.fields.endDate')} errors={submit.errors.end_date}>
            <input type="date" value={values.end_date} onChange={set('end_date')} />
          </Field>
        </div>
        <div className="field-row">
          <Field label={t('measure.fields.status')} errors={submit.errors.status}>
            <select value={values.status} onChange={set('status')}>
              {MEASURE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`measureStatus.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('measure.fields.progress')} hint={t('measure.fields.progressHint')} errors={submit.errors.progress}>
            <input type="number" inputMode="numeric" min={0} max={100} value={values.progress} onChange={set('progress')} />
          </Field>
        </div>
        <Field label={t('measure.fields.estimatedCost')} hint={t('measure.fields.estimatedCostHint')} errors={submit.errors.estimated_cost}>
          <input type="text" inputMode="decimal" value={values.estimated_cost} onChange={set('estimated_cost')} />
        </Field>
        <Field label={t('measure.fields.implementationNote')} errors={submit.errors.implementation_note}>
          <textarea rows={3} value={values.implementation_note} onChange={set('implementation_note')} />
        </Field>
        <Field label={t('common.position')} hint={t('common.positionHint')} errors={submit.errors.position}>
          <input type="number" inputMode="numeric" min={0} value={values.position} onChange={set('position')} />
        </Field>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {t('common.save')}
          </button>
          <Link className="btn btn-secondary" to={back}>
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
