//! One goal: its description, measures and sub-goals, and the comments on it (in a consultation, its připomínky).
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { ProgressBar } from '../../../components/ProgressBar';
import { QueryView } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { useSession } from '../../../lib/auth/useSession';
import { CommentForm } from '../../consultation/components/CommentForm';
import { CommentList } from '../../consultation/components/CommentList';
import { ConsultationBanner } from '../../consultation/components/ConsultationBanner';
import { MeasureList } from '../../../components/MeasureList';
import { planTreeQuery, textsEditable } from '../../plans/api/plans';
import { useLeadership } from '../../working-groups/api/leadership';
import { findGoalNode, goalQuery } from '../api/goals';

export function GoalPage() {
  const { goalId = '' } = useParams();
  const t = useT();
  const { user } = useSession();
  const query = useQuery(goalQuery(goalId));
  // The tree (often cached from the plan page) has the plan, this goal's measures and sub-goals.
  const tree = useQuery({ ...planTreeQuery(query.data?.plan_id ?? ''), enabled: !!query.data });
  const leadership = useLeadership([query.data?.working_group_id]);
  const plan = tree.data?.plan;
  const node = tree.data ? findGoalNode(tree.data.goals, goalId) : null;

  return (
    <QueryView query={query} page>
      {(goal) => {
        const canEdit = textsEditable(plan?.status) && (leadership.manages(plan?.territory_id) || leadership.leads(goal.working_group_id));
        return (
          <article>
            <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
              <Link to="/">{t('nav.plans')}</Link>
              {plan && (
                <>
                  {' › '}
                  <Link to={`/plans/${plan.id}#goal-${goal.id}`}>{plan.title}</Link>
                </>
              )}
              {node?.parent && (
                <>
                  {' › '}
                  <Link to={`/goals/${node.parent.id}`}>
                    {node.parent.code} {node.parent.title}
                  </Link>
                </>
              )}
            </nav>
            <PageTitle title={`${t('goal.title')} ${goal.code} ${goal.title}`}>
              <span className="code">{goal.code}</span> {goal.title}
            </PageTitle>
            {goal.previous_id && (
              <p className="meta">
                <Link to={`/goals/${goal.previous_id}`}>{t('successor.goalCopiedFrom', { code: goal.code })}</Link>
              </p>
            )}
            <ProgressBar value={goal.progress} label={t('goal.progressOf', { code: goal.code })} />
            {plan && <ConsultationBanner plan={plan} />}
            {canEdit && (
              <p className="inline-actions">
                <Link to={`/goals/${goal.id}/edit`}>{t('goal.edit', { code: goal.code })}</Link>
                <Link to={`/goals/${goal.id}/measures/new`}>{t('measure.addTo', { code: goal.code })}</Link>
              </p>
            )}
            {goal.description && <p className="pre-wrap">{goal.description}</p>}
            <section aria-labelledby="goal-measures">
              <h2 id="goal-measures">{t('goal.measures')}</h2>
              <QueryView query={tree}>
                {() =>
                  node && node.goal.measures.length > 0 ? (
                    <MeasureList measures={node.goal.measures} label={t('goal.measuresOf', { code: goal.code })} />
                  ) : (
                    <p>{t('goal.noMeasures')}</p>
                  )
                }
              </QueryView>
            </section>
            {node && 'sub_goals' in node.goal && node.goal.sub_goals.length > 0 && (
              <section aria-labelledby="sub-goals">
                <h2 id="sub-goals">{t('goal.subGoals')}</h2>
                <ul className="plain-list">
                  {node.goal.sub_goals.map((s) => (
                    <li key={s.id}>
                      <span className="code">{s.code}</span> <Link to={`/goals/${s.id}`}>{s.title}</Link>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <CommentList targetType="goal" targetId={goal.id} territoryId={plan?.territory_id} />
            {plan && (plan.consultation_open || user) ? (
              <CommentForm targetType="goal" targetId={goal.id} />
            ) : (
              plan && <p className="muted">{t('comments.closed')}</p>
            )}
          </article>
        );
      }}
    </QueryView>
  );
}
