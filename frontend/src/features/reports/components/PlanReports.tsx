//! The plan page's links to its monitoring reports: a year of its period up to this one each.
import { Link } from 'react-router';
import { useT } from '../../../i18n';
import { reportYears, type Plan } from '../../plans/api/plans';

export function PlanReports({ plan }: { plan: Plan }) {
  const t = useT();
  const years = reportYears(plan);
  if (years.length === 0) return null;
  return (
    <section aria-labelledby="plan-reports">
      <h2 id="plan-reports">{t('report.planReports')}</h2>
      <p>{t('report.planReportsIntro')}</p>
      <ul className="inline-list">
        {years.map((y) => (
          <li key={y}>
            <Link to={`/plans/${plan.id}/reports/${y}`}>{t('report.title', { year: String(y) })}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
