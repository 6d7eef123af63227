//! The survey builder: coordinators create a survey or edit one (its questions only until the
//! first response; the API answers 409 `frozen` after that).
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { CheckboxField, Field } from '../../../components/Field';
import { FormActions } from '../../../components/FormActions';
import { FormNotices } from '../../../components/FormNotices';
import { NarrowPage } from '../../../components/NarrowPage';
import { NotAllowed, PageError, PageLoading, SignInPrompt } from '../../../components/QueryState';
import { TargetGroupSelect } from '../../../components/TargetGroupSelect';
import { useT } from '../../../i18n';
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { fromLocalInput, toLocalInput } from '../../../lib/datetime';
import { useForm } from '../../../lib/useForm';
import { plansQuery } from '../../plans/api/plans';
import { TerritorySelect } from '../../territories/components/TerritorySelect';
import { surveyQuery, useSaveSurvey, type QuestionInput, type Survey } from '../api/surveys';
import { QuestionsEditor, type QuestionDraft } from '../components/QuestionsEditor';

const FIELDS = ['title', 'description', 'territory_id', 'plan_id', 'target_group_codes', 'opens_at', 'closes_at', 'results_public', 'questions'] as const;
type Values = {
  title: string;
  description: string;
  territory_id: string;
  plan_id: string;
  target_group_codes: string[];
  opens_at: string;
  closes_at: string;
  results_public: boolean;
  questions: QuestionDraft[];
};

const toValues = (s?: Survey): Values => ({
  title: s?.title ?? '',
  description: s?.description ?? '',
  territory_id: s?.territory_id ?? '',
  plan_id: s?.plan_id ?? '',
  target_group_codes: s?.target_group_codes ?? [],
  opens_at: toLocalInput(s?.opens_at),
  closes_at: toLocalInput(s?.closes_at),
  results_public: s?.results_public ?? false,
  questions: (s?.questions ?? []).map((q) => ({
    key: q.id,
    id: q.id,
    kind: q.kind,
    text: q.text,
    options: q.options.join('\n'),
    min: q.min == null ? '' : String(q.min),
    max: q.max == null ? '' : String(q.max),
    required: q.required,
  })),
});

const number = (text: string) => (text.trim() === '' ? null : Number(text.replace(',', '.')));

function toInput(q: QuestionDraft, position: number): QuestionInput {
  const choice = q.kind === 'single_choice' || q.kind === 'multiple_choice';
  const bounded = q.kind === 'scale' || q.kind === 'number';
  return {
    id: q.id ?? null,
    kind: q.kind,
    text: q.text,
    options: choice ? q.options.split('\n').map((o) => o.trim()).filter(Boolean) : [],
    min: bounded ? number(q.min) : null,
    max: bounded ? number(q.max) : null,
    required: q.required,
    position,
  };
}

export function SurveyFormPage() {
  const { surveyId } = useParams();
  const [search] = useSearchParams();
  const t = useT();
  const navigate = useNavigate();
  const { user } = useSession();
  const staff = isStaff(user);
  const existing = useQuery({ ...surveyQuery(surveyId ?? ''), enabled: staff && !!surveyId });
  const form = useForm({ entity: existing.data, toValues, fields: FIELDS, refetch: existing.refetch });
  const plans = useQuery(plansQuery());
  const save = useSaveSurvey();

  const title = surveyId ? t('surveys.builder.editTitle') : t('surveys.builder.createTitle');
  if (!staff) return <NarrowPage title={title}>{user ? <NotAllowed /> : <SignInPrompt />}</NarrowPage>;
  if (surveyId && existing.isPending) return <PageLoading />;
  if (surveyId && existing.error) return <PageError error={existing.error} />;

  const { values, field, errors, update } = form;
  const frozen = (existing.data?.responses ?? 0) > 0;
  const planChoices = (plans.data ?? []).filter((p) => !values.territory_id || p.territory_id === values.territory_id);
  const initialPlan = search.get('plan') ?? '';
  return (
    <NarrowPage title={title}>
      <p className="breadcrumbs">
        <Link to="/surveys">{t('surveys.title')}</Link>
      </p>
      <FormNotices form={form} />
      <form
        onSubmit={form.onSubmit(async (v) => {
          const body = {
            title: v.title,
            description: v.description,
            territory_id: v.territory_id,
            plan_id: v.plan_id || initialPlan || null,
            target_group_codes: v.target_group_codes,
            opens_at: fromLocalInput(v.opens_at) || null,
            closes_at: fromLocalInput(v.closes_at) || null,
            results_public: v.results_public,
            ...(frozen ? {} : { questions: v.questions.map((q, i) => toInput(q, i + 1)) }),
          };
          const saved = await save.mutateAsync({ survey: existing.data, body });
          navigate(`/surveys/${saved.id}`);
        })}
      >
        <Field label={t('surveys.fields.title')} errors={errors.title} required requiredText={t('common.required')}>
          <input type="text" value={values.title} onChange={field('title')} />
        </Field>
        <Field label={t('surveys.fields.description')} errors={errors.description}>
          <textarea rows={4} value={values.description} onChange={field('description')} />
        </Field>
        <Field label={t('surveys.fields.territory')} errors={errors.territory_id} required requiredText={t('common.required')}>
          <TerritorySelect managed empty={t('territories.choose')} value={values.territory_id} onChange={(territory_id) => update({ territory_id })} />
        </Field>
        <Field label={t('surveys.fields.plan')} hint={t('surveys.fields.planHint')} errors={errors.plan_id}>
          <select value={values.plan_id || initialPlan} onChange={field('plan_id')}>
            <option value="">{t('surveys.fields.noPlan')}</option>
            {planChoices.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('surveys.fields.targetGroups')} errors={errors.target_group_codes}>
          <TargetGroupSelect label={t('surveys.fields.targetGroups')} value={values.target_group_codes} onChange={(target_group_codes) => update({ target_group_codes })} />
        </Field>
        <div className="field-row">
          <Field label={t('surveys.fields.opensAt')} hint={t('surveys.fields.opensAtHint')} errors={errors.opens_at}>
            <input type="datetime-local" value={values.opens_at} onChange={field('opens_at')} />
          </Field>
          <Field label={t('surveys.fields.closesAt')} hint={t('surveys.fields.closesAtHint')} errors={errors.closes_at}>
            <input type="datetime-local" value={values.closes_at} onChange={field('closes_at')} />
          </Field>
        </div>
        <CheckboxField
          label={t('surveys.fields.resultsPublic')}
          hint={t('surveys.fields.resultsPublicHint')}
          checked={values.results_public}
          onChange={(results_public) => update({ results_public })}
        />
        {frozen ? (
          <div className="notice" role="note">
            <p>{t('surveys.builder.frozen')}</p>
          </div>
        ) : (
          <QuestionsEditor questions={values.questions} onChange={(questions) => update({ questions })} errors={errors} />
        )}
        <FormActions busy={form.busy} back={surveyId ? `/surveys/${surveyId}` : '/surveys'} />
      </form>
    </NarrowPage>
  );
}

