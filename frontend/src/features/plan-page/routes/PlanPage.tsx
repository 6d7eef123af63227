import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { ProgressBar } from '../../../components/ProgressBar';
import { QueryView } from '../../../components/QueryState';
import { StatusTag } from '../../../components/StatusTag';
import { useI18n } from '../../../i18n';
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { CommentForm } from '../../consultation/components/CommentForm';
import { CommentList } from '../../consultation/components/CommentList';
import { ConsultationBanner } from '../../consultation/components/ConsultationBanner';
import { useLeadership } from '../../working-groups/api/leadership';
import { planHistoryQuery, planTreeQuery } from '../../plans/api/plans';
import { LifecycleControl } from '../components/LifecycleControl';
import { PlanReports } from '../../reports/components/PlanReports';
import { PlanDocument } from '../../plans/components/PlanDocument';
import { PlanLineage } from '../../plans/components/PlanLineage';
import { PlanNeeds } from '../components/PlanNeeds';
import { PlanTree } from '../components/PlanTree';
import { PlanVersions } from '../../versions/components/PlanVersions';
import { PlanSurveys } from '../../surveys/components/PlanSurveys';
import { FollowButton } from '../../subscriptions/components/FollowButton';
import { PlanActionPlans } from '../../action-plans/components/PlanActionPlans';

export function PlanPage() {
  const { planId = '' } = useParams();
  const { t, formatDate, formatDateTime } = useI18n();
  const { user } = useSession();
  const query = useQuery(planTreeQuery(planId));
  // Coordinators read every plan's history; only those of its territory change the plan.
  const history = useQuery({ ...planHistoryQuery(planId), enabled: isStaff(user) });
  const leadership = useLeadership();

  return (
    <QueryView query={query} page>
      {({ plan, goals }) => {
        const open = plan.status === 'draft' || plan.status === 'consultation';
        const staff = leadership.manages(plan.territory_id);
        const editable = staff && open;
        // Leaders edit their own group's goals (and add goals for it) while the plan is open.
        const leaderEditable = !staff && open && leadership.led.length > 0;
        const canEditGoal = (g: { working_group_id?: string | null }) => editable || (open && leadership.leads(g.working_group_id));
        const canComment = plan.consultation_open || !!user;
        return (
          <article>
            <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
              <Link to="/">{t('nav.plans')}</Link> ›{' '}
              {plan.territory_id ? <Link to={`/territories/${plan.territory_id}`}>{plan.territory}</Link> : <span>{plan.territory}</span>}
            </nav>
            <PageTitle title={plan.title}>{plan.title}</PageTitle>
            <p className="meta">
              <StatusTag kind="plan" value={plan.status} /> {plan.territory} ·{' '}
              {t('plan.period', { start: String(plan.period_start), end: String(plan.period_end) })}
              {plan.approval_resolution &&
                ` · ${t('plan.approvedBy', { resolution: plan.approval_resolution, date: formatDate(plan.approved_on) })}`}
            </p>
            <ProgressBar value={plan.progress} label={t('plan.progressOf', { title: plan.title })} />
            <FollowButton targetType="plan" targetId={plan.id} />
            <ConsultationBanner plan={plan} />
            <PlanLineage plan={plan} />
            {leaderEditable && (
              <p className="inline-actions">
                <Link to={`/plans/${plan.id}/goals/new`}>{t('goal.add')}</Link>
              </p>
            )}
            {isStaff(user) && (
              <p className="inline-actions">
                {editable && <Link to={`/plans/${plan.id}/edit`}>{t('plan.edit')}</Link>}
                {editable && <Link to={`/plans/${plan.id}/goals/new`}>{t('goal.add')}</Link>}
                <Link to={`/plans/${plan.id}/register`}>{t('register.title')}</Link>
              </p>
            )}
            {plan.vision && (
              <section aria-labelledby="vision">
                <h2 id="vision">{t('plan.vision')}</h2>
                <p className="pre-wrap">{plan.vision}</p>
              </section>
            )}
            {plan.summary && (
              <section aria-labelledby="summary">
                <h2 id="summary">{t('plan.summary')}</h2>
                <p className="pre-wrap">{plan.summary}</p>
              </section>
            )}
            <section aria-labelledby="goals">
              <h2 id="goals">{t('plan.goalsAndMeasures')}</h2>
              <PlanTree goals={goals} canEdit={canEditGoal} commentable={plan.consultation_open} />
            </section>
            <PlanActionPlans plan={plan} staff={staff} />
            <PlanNeeds territoryId={plan.territory_id ?? ''}>
              <PlanSurveys planId={plan.id} staff={staff} />
            </PlanNeeds>
            <PlanDocument plan={plan} />
            <PlanReports plan={plan} />
            {staff && <LifecycleControl plan={plan} />}
            {history.data && history.data.items.length > 0 && (
              <section aria-labelledby="history">
                <h2 id="history">{t('plan.history')}</h2>
                <ul className="plain-list">
                  {history.data.items.map((h) => (
                    <li key={h.id}>
                      {formatDateTime(h.created_at)}: {t(`planStatus.${h.from_status}`)} → {t(`planStatus.${h.to_status}`)} (
                      {h.actor_name}){h.note ? ` – ${h.note}` : ''}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <PlanVersions planId={plan.id} />
            <CommentList targetType="plan" targetId={plan.id} territoryId={plan.territory_id} />
            {canComment ? (
              <CommentForm targetType="plan" targetId={plan.id} />
            ) : (
              <p className="muted">{t('comments.closed')}</p>
            )}
          </article>
        );
      }}
    </QueryView>
  );
}
