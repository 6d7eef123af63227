import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ConflictNotice } from '../../../components/ConflictNotice';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { PageTitle } from '../../../components/PageTitle';
import { NotAllowed, PageError, PageLoading } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { ApiError } from '../../../lib/api/problem';
import { useSubmit } from '../../../lib/useSubmit';
import { goalQuery } from '../../goals/api/goals';
import { planKeys, planQuery, textsEditable } from '../../plans/api/plans';
import { useLeadership } from '../../working-groups/api/leadership';
import {
  createMeasure,
  MEASURE_STATUSES,
  measureKeys,
  measureQuery,
  normalizeMoney,
  updateMeasure,
  type Measure,
  type MeasureStatus,
} from '../api/measures';
import { fundingRows, indicatorRows, splitLines, toFunding, toIndicators, type FundingRow, type IndicatorRow } from '../api/rows';
import { FundingEditor } from '../components/FundingEditor';
import { IndicatorsEditor } from '../components/IndicatorsEditor';

const FIELDS = [
  'code', 'title', 'description', 'responsible', 'partners', 'target_groups', 'start_date', 'end_date',
  'status', 'progress', 'weight', 'estimated_cost', 'implementation_note', 'position', 'indicators', 'funding_sources',
] as const;
type TextKey = Exclude<(typeof FIELDS)[number], 'indicators' | 'funding_sources'>;
type Values = Record<TextKey, string> & { indicators: IndicatorRow[]; funding_sources: FundingRow[] };

const toValues = (m?: Measure): Values => ({
  code: m?.code ?? '',
  title: m?.title ?? '',
  description: m?.description ?? '',
  responsible: m?.responsible ?? '',
  partners: m?.partners.join('\n') ?? '',
  target_groups: m?.target_groups.join('\n') ?? '',
  start_date: m?.start_date ?? '',
  end_date: m?.end_date ?? '',
  status: m?.status ?? 'planned',
  progress: m ? String(m.progress) : '0',
  weight: m ? String(m.weight) : '1',
  estimated_cost: m?.estimated_cost ?? '',
  implementation_note: m?.implementation_note ?? '',
  position: m ? String(m.position) : '',
  indicators: indicatorRows(m?.indicators ?? []),
  funding_sources: fundingRows(m?.funding_sources ?? []),
});

export function MeasureFormPage() {
  const { goalId: routeGoalId, measureId } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const existing = useQuery({ ...measureQuery(measureId ?? ''), enabled: !!measureId });
  const goalId = routeGoalId ?? existing.data?.goal_id ?? '';
  const goal = useQuery({ ...goalQuery(goalId), enabled: !!goalId });
  const planId = existing.data?.plan_id ?? goal.data?.plan_id ?? '';
  const plan = useQuery({ ...planQuery(planId), enabled: !!planId });
  const leadership = useLeadership([goal.data?.working_group_id]);
  const [values, setValues] = useState<Values>(toValues());
  const submit = useSubmit();

  useEffect(() => {
    if (existing.data) setValues(toValues(existing.data));
  }, [existing.data]);

  if (measureId && existing.isPending) return <PageLoading />;
  if (measureId && existing.error) return <PageError error={existing.error} />;
  if (goal.error) return <PageError error={goal.error} />;
  if (plan.error) return <PageError error={plan.error} />;
  if (!goal.data || !plan.data || !leadership.ready) return <PageLoading />;

  const title = measureId ? t('measure.editTitle') : t('measure.add');
  const back = measureId ? `/measures/${measureId}` : `/plans/${plan.data.id}`;
  const status = plan.data.status;
  // From approval on only the implementation state may change, and only coordinators change it.
  const frozen = !textsEditable(status);
  const mayEdit =
    status !== 'archived' &&
    (leadership.staff || (!frozen && leadership.leads(goal.data.working_group_id))) &&
    (!!measureId || !frozen);
  if (!mayEdit) {
    return (
      <div className="narrow">
        <PageTitle title={title}>{title}</PageTitle>
        {status === 'archived' ? (
          <div className="notice notice-warning" role="alert">
            <p>{t('measure.form.archived')}</p>
          </div>
        ) : (
          <NotAllowed />
        )}
        <p>
          <Link to={back}>{t('common.back')}</Link>
        </p>
      </div>
    );
  }

  const set = (k: TextKey) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));
  const err = submit.errors;

  return (
    <div className="narrow">
      <PageTitle title={title}>{title}</PageTitle>
      <p className="meta">{t('measure.underGoal', { code: goal.data.code, title: goal.data.title })}</p>
      {frozen && (
        <div className="notice notice-warning" id="frozen-explain">
          <p>{t('measure.form.frozen', { status: t(`planStatus.${status}`) })}</p>
        </div>
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
            const notANumber = t('errors.notANumber');
            const indicators = toIndicators(values.indicators, notANumber);
            const funding = toFunding(values.funding_sources, notANumber);
            const local = [...indicators.errors, ...funding.errors];
            if (local.length) {
              throw new ApiError(422, { type: 'about:blank', title: t('errors.validation'), detail: t('errors.validation'), status: 422, errors: local });
            }
            const implementation = {
              status: values.status as MeasureStatus,
              progress: Number(values.progress),
              indicators: indicators.value,
              funding_sources: funding.value,
              implementation_note: values.implementation_note,
            };
            const body = frozen
              ? implementation
              : {
                  ...implementation,
                  code: values.code,
                  title: values.title,
                  description: values.description,
                  responsible: values.responsible,
                  partners: splitLines(values.partners),
                  target_groups: splitLines(values.target_groups),
                  start_date: values.start_date || null,
                  end_date: values.end_date || null,
                  weight: values.weight.trim() === '' ? null : Number(values.weight),
                  estimated_cost: values.estimated_cost.trim() ? normalizeMoney(values.estimated_cost) : null,
                  position: values.position === '' ? null : Number(values.position),
                };
            const saved =
              measureId && existing.data
                ? await updateMeasure(measureId, existing.data.version, body)
                : await createMeasure(goalId, { ...body, code: values.code, title: values.title });
            await queryClient.invalidateQueries({ queryKey: measureKeys.all });
            await queryClient.invalidateQueries({ queryKey: planKeys.all });
            navigate(`/measures/${saved.id}`);
          });
        }}
      >
        <fieldset className="form-section" disabled={frozen} aria-describedby={frozen ? 'frozen-explain' : undefined}>
          <legend>
            {t('measure.form.textSection')}
            {frozen && <span className="locked"> ({t('measure.form.locked')})</span>}
          </legend>
          <Field label={t('measure.fields.code')} hint={t('measure.fields.codeHint')} errors={err.code} required={!frozen} requiredText={t('common.required')}>
            <input type="text" value={values.code} onChange={set('code')} />
          </Field>
          <Field label={t('measure.fields.title')} errors={err.title} required={!frozen} requiredText={t('common.required')}>
            <input type="text" value={values.title} onChange={set('title')} />
          </Field>
          <Field label={t('measure.fields.description')} errors={err.description}>
            <textarea rows={5} value={values.description} onChange={set('description')} />
          </Field>
          <Field label={t('measure.responsible')} hint={t('measure.fields.responsibleHint')} errors={err.responsible}>
            <input type="text" value={values.responsible} onChange={set('responsible')} />
          </Field>
          <Field label={t('measure.partners')} hint={t('measure.fields.linesHint')} errors={err.partners}>
            <textarea rows={3} value={values.partners} onChange={set('partners')} />
          </Field>
          <Field label={t('measure.targetGroups')} hint={t('measure.fields.linesHint')} errors={err.target_groups}>
            <textarea rows={3} value={values.target_groups} onChange={set('target_groups')} />
          </Field>
          <div className="field-row">
            <Field label={t('measure.fields.startDate')} errors={err.start_date}>
              <input type="date" value={values.start_date} onChange={set('start_date')} />
            </Field>
            <Field label={t('measure.fields.endDate')} errors={err.end_date}>
              <input type="date" value={values.end_date} onChange={set('end_date')} />
            </Field>
          </div>
          <div className="field-row">
            <Field label={t('measure.fields.estimatedCost')} hint={t('measure.fields.estimatedCostHint')} errors={err.estimated_cost}>
              <input type="text" inputMode="decimal" value={values.estimated_cost} onChange={set('estimated_cost')} />
            </Field>
            <Field label={t('measure.fields.weight')} hint={t('measure.fields.weightHint')} errors={err.weight}>
              <input type="number" inputMode="numeric" min={1} max={100} value={values.weight} onChange={set('weight')} />
            </Field>
          </div>
          <Field label={t('common.position')} hint={t('common.positionHint')} errors={err.position}>
            <input type="number" inputMode="numeric" min={0} value={values.position} onChange={set('position')} />
          </Field>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('measure.form.implementationSection')}</legend>
          <div className="field-row">
            <Field label={t('measure.fields.status')} errors={err.status}>
              <select value={values.status} onChange={set('status')}>
                {MEASURE_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`measureStatus.${s}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('measure.fields.progress')} hint={t('measure.fields.progressHint')} errors={err.progress}>
              <input type="number" inputMode="numeric" min={0} max={100} value={values.progress} onChange={set('progress')} />
            </Field>
          </div>
          <Field label={t('measure.fields.implementationNote')} errors={err.implementation_note}>
            <textarea rows={3} value={values.implementation_note} onChange={set('implementation_note')} />
          </Field>
          <h2 className="h3">{t('measure.indicators')}</h2>
          <IndicatorsEditor rows={values.indicators} onChange={(indicators) => setValues((v) => ({ ...v, indicators }))} errors={err} locked={frozen} />
          <h2 className="h3">{t('measure.financing')}</h2>
          <FundingEditor
            rows={values.funding_sources}
            onChange={(funding_sources) => setValues((v) => ({ ...v, funding_sources }))}
            errors={err}
            locked={frozen}
          />
        </fieldset>
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
