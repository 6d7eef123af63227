import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useI18n } from '../../../i18n';
import { versionsQuery } from '../api/versions';
import { changesPath, consultationChanges, CURRENT, nextSide } from '../model';

/** The plan page's "Plan versions": every snapshot with links comparing it to the next one and to now. */
export function PlanVersions({ planId }: { planId: string }) {
  const { t, formatDateTime } = useI18n();
  const versions = useQuery(versionsQuery(planId));
  const items = versions.data ?? [];
  if (items.length === 0) return null;
  const consultation = consultationChanges(items);
  return (
    <section aria-labelledby="versions">
      <h2 id="versions">{t('versions.title')}</h2>
      {consultation && (
        <p className="diff-highlight">
          <Link to={changesPath(planId, consultation.from, consultation.to)}>{t('versions.afterConsultation')}</Link>
        </p>
      )}
      <ol className="plain-list version-list">
        {items.map((v, i) => {
          const next = nextSide(items, i);
          const when = formatDateTime(v.taken_at);
          return (
            <li key={v.id}>
              <span>
                <time dateTime={v.taken_at}>{when}</time>: {t(`planStatus.${v.status}`)}
                {v.reason ? ` – ${v.reason}` : ''}
              </span>
              <span className="inline-actions">
                {next !== CURRENT && (
                  <Link to={changesPath(planId, v.id, next)}>
                    {t('versions.compareNext')}
                    <span className="visually-hidden"> ({when})</span>
                  </Link>
                )}
                <Link to={changesPath(planId, v.id, CURRENT)}>
                  {t('versions.compareCurrent')}
                  <span className="visually-hidden"> ({when})</span>
                </Link>
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
