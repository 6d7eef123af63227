import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { ProgressBar } from '../../../components/ProgressBar';
import { QueryView } from '../../../components/QueryState';
import { StatusTag } from '../../../components/StatusTag';
import { useI18n } from '../../../i18n';
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { groupByTerritory, plansQuery, STATUS_ORDER, type Plan, type PlanStatus } from '../api/plans';

export function HomePage() {
  const { t, lang, formatDate } = useI18n();
  const { user } = useSession();
  const query = useQuery(plansQuery());
  const [params, setParams] = useSearchParams();
  const status = params.get('status') as PlanStatus | null;

  return (
    <>
      <PageTitle title={t('home.title')}>{t('home.title')}</PageTitle>
      <p className="lead">{t('home.intro')}</p>
      {isStaff(user) && (
        <p>
          <Link className="btn btn-primary" to="/plans/new">
            {t('plan.create')}
          </Link>
        </p>
      )}
      <QueryView query={query}>
        {(plans) => {
          const open = plans.filter((p) => p.consultation_open);
          const shown = status ? plans.filter((p) => p.status === status) : plans;
          const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, plans.filter((p) => p.status === s).length]));
          return (
            <>
              {open.length > 0 && (
                <section aria-labelledby="open-consultations" className="panel panel-highlight">
                  <h2 id="open-consultations">{t('home.openConsultations')}</h2>
                  <ul className="plain-list">
                    {open.map((p) => (
                      <li key={p.id}>
                        <Link to={`/plans/${p.id}`}>{p.title}</Link> ({p.territory}){' '}
                        {p.consultation_closes_at &&
                          t('consultation.closesAt', { date: formatDate(p.consultation_closes_at) })}
                      </li>
                    ))}
                  </ul>
                </section>
              )}
              <nav aria-label={t('home.filterByStatus')} className="filter-bar">
                <ul className="chips">
                  <li>
                    <Link to="/" aria-current={!status ? 'page' : undefined} className="chip">
                      {t('home.allPlans', { count: plans.length })}
                    </Link>
                  </li>
                  {STATUS_ORDER.filter((s) => counts[s]).map((s) => (
                    <li key={s}>
                      <Link
                        to={`/?status=${s}`}
                        aria-current={status === s ? 'page' : undefined}
                        className="chip"
                        onClick={(e) => {
                          e.preventDefault();
                          setParams({ status: s });
                        }}
                      >
                        {t(`planStatus.${s}`)} ({counts[s]})
                      </Link>
                    </li>
                  ))}
                </ul>
              </nav>
              {shown.length === 0 ? (
                <p>{t('home.noPlans')}</p>
              ) : (
                groupByTerritory(shown, lang).map(({ territory, plans: list }) => (
                  <section key={territory} aria-label={territory} className="territory">
                    <h2>{territory}</h2>
                    <ul className="card-list">
                      {list.map((p) => (
                        <li key={p.id}>
                          <PlanCard plan={p} />
                        </li>
                      ))}
                    </ul>
                  </section>
                ))
              )}
            </>
          );
        }}
      </QueryView>
    </>
  );
}

function PlanCard({ plan }: { plan: Plan }) {
  const { t } = useI18n();
  return (
    <article className="card">
      <h3>
        <Link to={`/plans/${plan.id}`}>{plan.title}</Link>
      </h3>
      <p className="meta">
        <StatusTag kind="plan" value={plan.status} />{' '}
        {t('plan.period', { start: String(plan.period_start), end: String(plan.period_end) })}
      </p>
      {plan.summary && <p>{plan.summary}</p>}
      <ProgressBar value={plan.progress} label={t('plan.progressOf', { title: plan.title })} />
    </article>
  );
}
