import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { Field } from '../../../components/Field';
import { PageTitle } from '../../../components/PageTitle';
import { ProgressBar } from '../../../components/ProgressBar';
import { QueryView } from '../../../components/QueryState';
import { StatusTag } from '../../../components/StatusTag';
import { useI18n } from '../../../i18n';
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { TerritorySelect } from '../../territories/components/TerritorySelect';
import { groupByTerritory, plansQuery, STATUS_ORDER, type Plan, type PlanStatus } from '../api/plans';

export function HomePage() {
  const { t, lang, formatDate } = useI18n();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') as PlanStatus | null;
  // The territory filter (with everything below it) is the API's; the status chips count within it.
  const territoryId = params.get('territory_id') ?? '';
  const query = useQuery(plansQuery(territoryId || undefined));
  /** The home page's address with these filters (empty ones left out), the others kept. */
  const filtered = (changes: { status?: string | null; territory_id?: string | null }) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    return next;
  };
  const hrefOf = (next: URLSearchParams) => (next.size ? `/?${next}` : '/');

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
      <div className="filter-bar filters">
        <Field label={t('home.filterByTerritory')} hint={t('home.filterByTerritoryHint')}>
          <TerritorySelect
            empty={t('home.allTerritories')}
            value={territoryId}
            onChange={(id) => setParams(filtered({ territory_id: id, status: null }))}
          />
        </Field>
      </div>
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
                    <Link to={hrefOf(filtered({ status: null }))} aria-current={!status ? 'page' : undefined} className="chip">
                      {t('home.allPlans', { count: plans.length })}
                    </Link>
                  </li>
                  {STATUS_ORDER.filter((s) => counts[s]).map((s) => (
                    <li key={s}>
                      <Link
                        to={hrefOf(filtered({ status: s }))}
                        aria-current={status === s ? 'page' : undefined}
                        className="chip"
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
