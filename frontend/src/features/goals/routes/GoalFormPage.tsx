import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { Field } from '../../../components/Field';
import { FormActions } from '../../../components/FormActions';
import { FormNotices } from '../../../components/FormNotices';
import { NarrowPage } from '../../../components/NarrowPage';
import { NotAllowed, PageError, PageLoading, SignInPrompt } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { useSession } from '../../../lib/auth/useSession';
import { useForm } from '../../../lib/useForm';
import { planQuery, textsEditable } from '../../plans/api/plans';
import { PlanFrozen } from '../../plans/components/PlanFrozen';
import { groupsQuery } from '../../working-groups/api/groups';
import { useLeadership } from '../../working-groups/api/leadership';
import { goalQuery, planGoalsQuery, useSaveGoal, type Goal } from '../api/goals';

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
  const existing = useQuery({ ...goalQuery(goalId ?? ''), enabled: !!goalId });
  const planId = routePlanId ?? existing.data?.plan_id ?? '';
  const plan = useQuery({ ...planQuery(planId), enabled: !!planId });
  const siblings = useQuery({ ...planGoalsQuery(planId), enabled: !!planId });
  const { user } = useSession();
  const groups = useQuery(groupsQuery());
  const leadership = useLeadership();
  const form = useForm({ entity: existing.data, toValues, fields: FIELDS, refetch: existing.refetch });
  const save = useSaveGoal();

  const title = goalId ? t('goal.editTitle') : t('goal.add');
  if (!user) return <NarrowPage title={title}><SignInPrompt /></NarrowPage>;
  if (goalId && existing.error) return <PageError error={existing.error} />;
  if (plan.error) return <PageError error={plan.error} />;
  if ((goalId && existing.isPending) || !plan.data || !leadership.ready) return <PageLoading />;
  // From approval on a plan's goals are frozen, for everyone.
  if (!textsEditable(plan.data.status)) {
    return (
      <NarrowPage title={title}>
        <PlanFrozen status={plan.data.status} back={`/plans/${planId}`} />
      </NarrowPage>
    );
  }
  // Leaders work only on goals of the groups they lead; coordinators of the plan's territory on any goal.
  const leaderOnly = !leadership.manages(plan.data.territory_id);
  if (leaderOnly && (goalId ? !leadership.leads(existing.data?.working_group_id) : leadership.led.length === 0)) {
    return <NarrowPage title={title}><NotAllowed /></NarrowPage>;
  }
  const groupChoices = (groups.data ?? []).filter((g) => !leaderOnly || leadership.leads(g.id));
  const { values, field, errors } = form;
  // A leader's new goal belongs to their group: the first (for most leaders the only) one until another is chosen.
  const workingGroupId = values.working_group_id || (leaderOnly && !goalId ? (groupChoices[0]?.id ?? '') : '');
  const parents = (siblings.data ?? []).filter((g) => !g.parent_goal_id && g.id !== goalId);

  return (
    <NarrowPage title={title}>
      <FormNotices form={form} />
      <form
        onSubmit={form.onSubmit(async (v) => {
          await save.mutateAsync({
            goal: existing.data,
            planId,
            body: {
              code: v.code,
              title: v.title,
              description: v.description,
              working_group_id: workingGroupId || null,
              parent_goal_id: v.parent_goal_id || null,
              position: v.position === '' ? null : Number(v.position),
            },
          });
          navigate(`/plans/${planId}`);
        })}
      >
        <Field label={t('goal.fields.code')} hint={t('goal.fields.codeHint')} errors={errors.code} required requiredText={t('common.required')}>
          <input type="text" value={values.code} onChange={field('code')} />
        </Field>
        <Field label={t('goal.fields.title')} errors={errors.title} required requiredText={t('common.required')}>
          <input type="text" value={values.title} onChange={field('title')} />
        </Field>
        <Field label={t('goal.fields.description')} errors={errors.description}>
          <textarea rows={4} value={values.description} onChange={field('description')} />
        </Field>
        <Field
          label={t('goal.fields.workingGroup')}
          hint={leaderOnly ? t('goal.fields.workingGroupLeaderHint') : t('goal.fields.workingGroupHint')}
          errors={errors.working_group_id}
          required={leaderOnly}
          requiredText={t('common.required')}
        >
          <select value={workingGroupId} onChange={field('working_group_id')}>
            {!leaderOnly && <option value="">{t('common.none')}</option>}
            {groupChoices.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('goal.fields.parent')} hint={t('goal.fields.parentHint')} errors={errors.parent_goal_id}>
          <select value={values.parent_goal_id} onChange={field('parent_goal_id')}>
            <option value="">{t('common.none')}</option>
            {parents.map((g) => (
              <option key={g.id} value={g.id}>
                {g.code} {g.title}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('common.position')} hint={t('common.positionHint')} errors={errors.position}>
          <input type="number" inputMode="numeric" min={0} value={values.position} onChange={field('position')} />
        </Field>
        <FormActions busy={form.busy} back={`/plans/${planId}`} />
      </form>
    </NarrowPage>
  );
}
