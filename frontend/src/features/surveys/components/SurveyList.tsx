//! Surveys as a plain list: title, status and number of responses, with a link to the results
//! where they are public.
import { Link } from 'react-router';
import { useT } from '../../../i18n';
import type { Survey } from '../api/surveys';

export function SurveyList({ surveys }: { surveys: Survey[] }) {
  const t = useT();
  if (surveys.length === 0) return <p>{t('surveys.none')}</p>;
  return (
    <ul className="plain-list">
      {surveys.map((s) => (
        <li key={s.id}>
          <Link to={`/surveys/${s.id}`}>{s.title}</Link>{' '}
          <span className="meta">
            {t(`surveyStatus.${s.status}`)} · {t('surveys.responsesCount', { count: s.responses })}
          </span>
          {s.status === 'closed' && s.results_public && (
            <>
              {' · '}
              <Link to={`/surveys/${s.id}/results`}>{t('surveys.results.link')}</Link>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
