//! The plan's place in the planning spiral: the plan it follows, the plan that follows it, and for
//! its coordinators, once it is evaluated, the way to start the next one.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useT } from '../../../i18n';
import { canManageTerritory, useSession } from '../../../lib/auth/useSession';
import { offersSuccessor, planQuery, successorsQuery, type Plan } from '../api/plans';

export function PlanLineage({ plan }: { plan: Plan }) {
  const t = useT();
  const { user } = useSession();
  const previous = useQuery({ ...planQuery(plan.previous_id ?? ''), enabled: !!plan.previous_id });
  const next = useQuery(successorsQuery(plan.id)).data ?? [];
  const mayStart = canManageTerritory(user, plan.territory_id) && offersSuccessor(plan.status) && next.length === 0;
  if (!plan.previous_id && next.length === 0 && !mayStart) return null;
  return (
    <section aria-labelledby="lineage" className="lineage">
      <h2 id="lineage">{t('successor.heading')}</h2>
      <ul className="plain-list">
        {plan.previous_id && (
          <li>
            {t('successor.follows')} <Link to={`/plans/${plan.previous_id}`}>{previous.data?.title ?? t('successor.previousPlan')}</Link>
          </li>
        )}
        {next.map((p) => (
          <li key={p.id}>
            {t('successor.followedBy')} <Link to={`/plans/${p.id}`}>{p.title}</Link>
          </li>
        ))}
      </ul>
      {mayStart && (
        <p className="inline-actions">
          <Link className="btn btn-primary" to={`/plans/${plan.id}/successor`}>
            {t('successor.start')}
          </Link>
        </p>
      )}
    </section>
  );
}
