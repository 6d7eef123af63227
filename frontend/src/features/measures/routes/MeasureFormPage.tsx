import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ChoiceSelect } from '../../../components/ChoiceSelect';
import { Field } from '../../../components/Field';
import { FormActions } from '../../../components/FormActions';
import { FormNotices } from '../../../components/FormNotices';
import { NarrowPage } from '../../../components/NarrowPage';
import { NotAllowed, PageError, PageLoading } from '../../../components/QueryState';
import { TargetGroupSelect } from '../../../components/TargetGroupSelect';
import { useT } from '../../../i18n';
import { ApiError } from '../../../lib/api/problem';
import { useForm } from '../../../lib/useForm';
import { goalQuery } from '../../goals/api/goals';
import { planQuery, textsEditable } from '../../plans/api/plans';
import { OrganizationPicker, ServicePicker } from '../../services/components/Pickers';
import { useLeadership } from '../../working-groups/api/leadership';
import { MEASURE_STATUSES, measureQuery, normalizeMoney, useSaveMeasure, type Measure, type MeasureStatus } from '../api/measures';
import { fundingRows, indicatorRows, splitLines, toFunding, toIndicators, type FundingRow, type IndicatorRow } from '../api/rows';
import { FundingEditor } from '../components/FundingEditor';
import { IndicatorsEditor } from '../components/IndicatorsEditor';

const FIELDS = [
  'code', 'title', 'description', 'responsible', 'partners', 'target_groups', 'start_date', 'end_date',
  'status', 'progress', 'weight', 'estimated_cost', 'implementation_note', 'position', 'indicators', 'funding_sources',
  'responsible_organization_id', 'partner_organization_ids', 'service_ids', 'target_group_codes',
] as const;
/** The links to the network of social services: ids and codes picked, not typed. */
type LinkKey = 'responsible_organization_id' | 'partner_organization_ids' | 'service_ids' | 'target_group_codes';
type TextKey = Exclude<(typeof FIELDS)[number], 'indicators' | 'funding_sources' | LinkKey>;
type Values = Record<TextKey, string> & Record<LinkKey, string[]> & { indicators: IndicatorRow[]; funding_sources: FundingRow[] };

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
  // Zero or one: the picker holds a list either way.
  responsible_organization_id: m?.responsible_organization_id ? [m.responsible_organization_id] : [],
  partner_organization_ids: m?.partner_organization_ids ?? [],
  service_ids: m?.service_ids ?? [],
  target_group_codes: m?.target_group_codes ?? [],
  indicators: indicatorRows(m?.indicators ?? []),
  funding_sources: fundingRows(m?.funding_sources ?? []),
});

export function MeasureFormPage() {
  const { goalId: routeGoalId, measureId } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const existing = useQuery({ ...measureQuery(measureId ?? ''), enabled: !!measureId });
  const goalId = routeGoalId ?? existing.data?.goal_id ?? '';
  const goal = useQuery({ ...goalQuery(goalId), enabled: !!goalId });
  const planId = existing.data?.plan_id ?? goal.data?.plan_id ?? '';
  const plan = useQuery({ ...planQuery(planId), enabled: !!planId });
  const leadership = useLeadership([goal.data?.working_group_id]);
  const form = useForm({ entity: existing.data, toValues, fields: FIELDS, refetch: existing.refetch });
  const save = useSaveMeasure();

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
    (leadership.manages(plan.data.territory_id) || (!frozen && leadership.leads(goal.data.working_group_id))) &&
    (!!measureId || !frozen);
  if (!mayEdit) {
    return (
      <NarrowPage title={title}>
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
      </NarrowPage>
    );
  }

  const { values, field, errors: err } = form;

  return (
    <NarrowPage title={title}>
      <p className="meta">{t('measure.underGoal', { code: goal.data.code, title: goal.data.title })}</p>
      {frozen && (
        <div className="notice notice-warning" id="frozen-explain">
          <p>{t('measure.form.frozen', { status: t(`planStatus.${status}`) })}</p>
        </div>
      )}
      <FormNotices form={form} />
      <form
        onSubmit={form.onSubmit(async (v) => {
          const notANumber = t('errors.notANumber');
          const indicators = toIndicators(v.indicators, notANumber);
          const funding = toFunding(v.funding_sources, notANumber);
          const local = [...indicators.errors, ...funding.errors];
          if (local.length) {
            throw new ApiError(422, { type: 'about:blank', title: t('errors.validation'), detail: t('errors.validation'), status: 422, errors: local });
          }
          const implementation = {
            status: v.status as MeasureStatus,
            progress: Number(v.progress),
            indicators: indicators.value,
            funding_sources: funding.value,
            implementation_note: v.implementation_note,
          };
          const body = frozen
            ? implementation
            : {
                ...implementation,
                code: v.code,
                title: v.title,
                description: v.description,
                responsible: v.responsible,
                partners: splitLines(v.partners),
                target_groups: splitLines(v.target_groups),
                responsible_organization_id: v.responsible_organization_id[0] ?? null,
                partner_organization_ids: v.partner_organization_ids,
                service_ids: v.service_ids,
                target_group_codes: v.target_group_codes,
                start_date: v.start_date || null,
                end_date: v.end_date || null,
                weight: v.weight.trim() === '' ? null : Number(v.weight),
                estimated_cost: v.estimated_cost.trim() ? normalizeMoney(v.estimated_cost) : null,
                position: v.position === '' ? null : Number(v.position),
              };
          const saved = existing.data
            ? await save.mutateAsync({ measure: existing.data, body })
            : await save.mutateAsync({ goalId, body: { ...body, code: v.code, title: v.title } });
          navigate(`/measures/${saved.id}`);
        })}
      >
        <fieldset className="form-section" disabled={frozen} aria-describedby={frozen ? 'frozen-explain' : undefined}>
          <legend>
            {t('measure.form.textSection')}
            {frozen && <span className="locked"> ({t('measure.form.locked')})</span>}
          </legend>
          <Field label={t('measure.fields.code')} hint={t('measure.fields.codeHint')} errors={err.code} required={!frozen} requiredText={t('common.required')}>
            <input type="text" value={values.code} onChange={field('code')} />
          </Field>
          <Field label={t('measure.fields.title')} errors={err.title} required={!frozen} requiredText={t('common.required')}>
            <input type="text" value={values.title} onChange={field('title')} />
          </Field>
          <Field label={t('measure.fields.description')} errors={err.description}>
            <textarea rows={5} value={values.description} onChange={field('description')} />
          </Field>
          <Field label={t('measure.responsible')} hint={t('measure.fields.responsibleHint')} errors={err.responsible}>
            <input type="text" value={values.responsible} onChange={field('responsible')} />
          </Field>
          <Field label={t('measure.partners')} hint={t('measure.fields.linesHint')} errors={err.partners}>
            <textarea rows={3} value={values.partners} onChange={field('partners')} />
          </Field>
          <Field label={t('measure.targetGroups')} hint={t('measure.fields.targetGroupsHint')} errors={err.target_group_codes}>
            <TargetGroupSelect
              label={t('measure.targetGroups')}
              value={values.target_group_codes}
              onChange={(target_group_codes) => form.update({ target_group_codes })}
            />
          </Field>
          <Field label={t('measure.fields.otherTargetGroups')} hint={t('measure.fields.linesHint')} errors={err.target_groups}>
            <textarea rows={2} value={values.target_groups} onChange={field('target_groups')} />
          </Field>
          <Field label={t('measure.services')} hint={t('measure.fields.servicesHint')} errors={err.service_ids}>
            <ServicePicker label={t('measure.services')} value={values.service_ids} onChange={(service_ids) => form.update({ service_ids })} />
          </Field>
          <Field label={t('measure.responsibleOrganization')} hint={t('measure.fields.organizationHint')} errors={err.responsible_organization_id}>
            <OrganizationPicker
              single
              label={t('measure.responsibleOrganization')}
              value={values.responsible_organization_id}
              onChange={(responsible_organization_id) => form.update({ responsible_organization_id })}
            />
          </Field>
          <Field label={t('measure.partnerOrganizations')} hint={t('measure.fields.organizationHint')} errors={err.partner_organization_ids}>
            <OrganizationPicker
              label={t('measure.partnerOrganizations')}
              value={values.partner_organization_ids}
              onChange={(partner_organization_ids) => form.update({ partner_organization_ids })}
            />
          </Field>
          <div className="field-row">
            <Field label={t('measure.fields.startDate')} errors={err.start_date}>
              <input type="date" value={values.start_date} onChange={field('start_date')} />
            </Field>
            <Field label={t('measure.fields.endDate')} errors={err.end_date}>
              <input type="date" value={values.end_date} onChange={field('end_date')} />
            </Field>
          </div>
          <div className="field-row">
            <Field label={t('measure.fields.estimatedCost')} hint={t('measure.fields.estimatedCostHint')} errors={err.estimated_cost}>
              <input type="text" inputMode="decimal" value={values.estimated_cost} onChange={field('estimated_cost')} />
            </Field>
            <Field label={t('measure.fields.weight')} hint={t('measure.fields.weightHint')} errors={err.weight}>
              <input type="number" inputMode="numeric" min={1} max={100} value={values.weight} onChange={field('weight')} />
            </Field>
          </div>
          <Field label={t('common.position')} hint={t('common.positionHint')} errors={err.position}>
            <input type="number" inputMode="numeric" min={0} value={values.position} onChange={field('position')} />
          </Field>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('measure.form.implementationSection')}</legend>
          <div className="field-row">
            <Field label={t('measure.fields.status')} errors={err.status}>
              <ChoiceSelect choices={MEASURE_STATUSES} labels="measureStatus" value={values.status} onChange={(status) => form.update({ status })} />
            </Field>
            <Field label={t('measure.fields.progress')} hint={t('measure.fields.progressHint')} errors={err.progress}>
              <input type="number" inputMode="numeric" min={0} max={100} value={values.progress} onChange={field('progress')} />
            </Field>
          </div>
          <Field label={t('measure.fields.implementationNote')} errors={err.implementation_note}>
            <textarea rows={3} value={values.implementation_note} onChange={field('implementation_note')} />
          </Field>
          <h2 className="h3">{t('measure.indicators')}</h2>
          <IndicatorsEditor rows={values.indicators} onChange={(indicators) => form.update({ indicators })} errors={err} locked={frozen} />
          <h2 className="h3">{t('measure.financing')}</h2>
          <FundingEditor
            rows={values.funding_sources}
            onChange={(funding_sources) => form.update({ funding_sources })}
            errors={err}
            locked={frozen}
          />
        </fieldset>
        <FormActions busy={form.busy} back={back} />
      </form>
    </NarrowPage>
  );
}
