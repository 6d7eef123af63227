//! A year's action plan on paper: no navigation (the print style sheet leaves it out), a table per
//! goal and the totals per source.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { PrintButton } from '../../../components/PrintButton';
import { QueryView } from '../../../components/QueryState';
import { useI18n } from '../../../i18n';
import { planTreeQuery } from '../../plans/api/plans';
import { actionPlanQuery } from '../api/actionPlans';
import { ActionPlanTables } from '../components/ActionPlanTables';

export function ActionPlanPrintPage() {
  const { actionPlanId = '' } = useParams();
  const { t, formatDate } = useI18n();
  const query = useQuery(actionPlanQuery(actionPlanId));
  const tree = useQuery({ ...planTreeQuery(query.data?.plan_id ?? ''), enabled: !!query.data });
  return (
    <QueryView query={query} page>
      {(a) => {
        const title = t('actionPlan.titleOf', { year: String(a.year) });
        return (
          <article className="printable action-plan-print">
            <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
              <Link to={`/action-plans/${a.id}`}>{title}</Link>
            </nav>
            <PageTitle title={title}>{title}</PageTitle>
            {tree.data && <p className="meta">{tree.data.plan.title}</p>}
            <p className="meta">
              {a.status === 'draft'
                ? t('actionPlan.status.draft')
                : t('actionPlan.approvedBy', { resolution: a.approval_resolution ?? '', date: formatDate(a.approved_on) })}
            </p>
            <p className="inline-actions">
              <PrintButton />
            </p>
            {tree.data && <ActionPlanTables actionPlan={a} tree={tree.data} />}
          </article>
        );
      }}
    </QueryView>
  );
}
