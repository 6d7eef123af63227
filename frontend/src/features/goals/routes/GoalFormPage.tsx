import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ConflictNotice } from '../../../components/ConflictNotice';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { PageTitle } from '../../../components/PageTitle';
import { NotAllowed, PageError, PageLoading, SignInPrompt } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { useSession } from '../../../lib/auth/useSession';
import { useSubmit } from '../../../lib/useSubmit';
import { planKeys, planQuery, textsEditable } from '../../plans/api/plans';
import { PlanFrozen } from '../../plans/components/PlanFrozen';
import { groupsQuery } from '../../working-groups/api/groups';
import { useLeadership } from '../../working-groups/api/leadership';
import { createGoal, goalKeys, goalQuery, planGoalsQuery, updateGoal, type Goal } from '../api/goals';

const FIELDS = ['code', 'title', 'description', 'working_group_id', 'parent_goal_id', 'position'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

const toValues = (g?: Goal): Values => ({
  code: g?.code ?? '',
  title: g?.title ?? '',
  description: g?.description ?? '',
  working_group_id: g?.working_group_id ?? '',
  parent_goal_id: g?.parent_goal_id ?? '',
  position: g ? String(g.position) : '',
});

export function GoalFormPage() {
  const { planId: routePlanId, goalId } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const existing = useQuery({ ...goalQuery(goalId ?? ''), enabled: !!goalId });
  const planId = routePlanId ?? existing.data?.plan_id ?? '';
  const plan = useQuery({ ...planQuery(planId), enabled: !!planId });
  const siblings = useQuery({ ...planGoalsQuery(planId), enabled: !!planId });
  const { user } = useSession();
  const groups = useQuery(groupsQuery());
  const leadership = useLeadership();
  const [values, setValues] = useState<Values>(toValues());
  const submit = useSubmit();

  useEffect(() => {
    if (existing.data) setValues(toValues(existing.data));
  }, [existing.data]);

  const title = goalId ? t('goal.editTitle') : t('goal.add');
  if (!user) {
    return (
      <div className="narrow">
        <PageTitle title={title}>{title}</PageTitle>
        <SignInPrompt />
      </div>
    );
  }
  if (goalId && existing.error) return <PageError error={existing.error} />;
  if (plan.error) return <PageError error={plan.error} />;
  if ((goalId && existing.isPending) || !plan.data || !leadership.ready) return <PageLoading />;
  // From approval on a plan's goals are frozen, for everyone.
  if (!textsEditable(plan.data.status)) {
    return (
      <div className="narrow">
        <PageTitle title={title}>{title}</PageTitle>
        <PlanFrozen status={plan.data.status} back={`/plans/${planId}`} />
      </div>
    );
  }
  // Leaders work only on goals of the groups they lead; staff on any goal.
  const leaderOnly = !leadership.staff;
  if (leaderOnly && (goalId ? !leadership.leads(existing.data?.working_group_id) : leadership.led.length === 0)) {
    return (
      <div className="narrow">
        <PageTitle title={title}>{title}</PageTitle>
        <NotAllowed />
      </div>
    );
  }
  const groupChoices = (groups.data ?? []).filter((g) => !leaderOnly || leadership.leads(g.id));
  if (leaderOnly && !goalId && !values.working_group_id && groupChoices[0]) {
    // A leader's new goal belongs to their group; preselect it (the only choice for most leaders).
    setValues((v) => ({ ...v, working_group_id: groupChoices[0]!.id }));
  }

  const set = (k: keyof Values) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));
  const parents = (siblings.data ?? []).filter((g) => !g.parent_goal_id && g.id !== goalId);

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
            const body = {
              code: values.code,
              title: values.title,
              description: values.description,
              working_group_id: values.working_group_id || null,
              parent_goal_id: values.parent_goal_id || null,
              position: values.position === '' ? null : Number(values.position),
            };
            if (goalId && existing.data) await updateGoal(goalId, existing.data.version, body);
            else await createGoal(planId, body);
            await queryClient.invalidateQueries({ queryKey: planKeys.all });
            await queryClient.invalidateQueries({ queryKey: goalKeys.all });
            navigate(`/plans/${planId}`);
          });
        }}
      >
        <Field label={t('goal.fields.code')} hint={t('goal.fields.codeHint')} errors={submit.errors.code} required requiredText={t('common.required')}>
          <input type="text" value={values.code} onChange={set('code')} />
        </Field>
        <Field label={t('goal.fields.title')} errors={submit.errors.title} required requiredText={t('common.required')}>
          <input type="text" value={values.title} onChange={set('title')} />
        </Field>
        <Field label={t('goal.fields.description')} errors={submit.errors.description}>
          <textarea rows={4} value={values.description} onChange={set('description')} />
        </Field>
        <Field
          label={t('goal.fields.workingGroup')}
          hint={leaderOnly ? t('goal.fields.workingGroupLeaderHint') : t('goal.fields.workingGroupHint')}
          errors={submit.errors.working_group_id}
          required={leaderOnly}
          requiredText={t('common.required')}
        >
          <select value={values.working_group_id} onChange={set('working_group_id')}>
            {!leaderOnly && <option value="">{t('common.none')}</option>}
            {groupChoices.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('goal.fields.parent')} hint={t('goal.fields.parentHint')} errors={submit.errors.parent_goal_id}>
          <select value={values.parent_goal_id} onChange={set('parent_goal_id')}>
            <option value="">{t('common.none')}</option>
            {parents.map((g) => (
              <option key={g.id} value={g.id}>
                {g.code} {g.title}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('common.position')} hint={t('common.positionHint')} errors={submit.errors.position}>
          <input type="number" inputMode="numeric" min={0} value={values.position} onChange={set('position')} />
        </Field>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {t('common.save')}
          </button>
          <Link className="btn btn-secondary" to={`/plans/${planId}`}>
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
