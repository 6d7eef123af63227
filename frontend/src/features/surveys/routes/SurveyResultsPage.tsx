//! A survey's results: per question a chart and a table with the same figures.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { resultsQuery, surveyQuery } from '../api/surveys';
import { ResultChart } from '../components/ResultChart';

export function SurveyResultsPage() {
  const { surveyId = '' } = useParams();
  const t = useT();
  const survey = useQuery(surveyQuery(surveyId));
  const results = useQuery(resultsQuery(surveyId));
  return (
    <QueryView query={results} page>
      {(r) => {
        const title = t('surveys.results.title', { survey: survey.data?.title ?? '' });
        const bounds = new Map((survey.data?.questions ?? []).map((q) => [q.id, q]));
        return (
          <article>
            <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
              <Link to="/surveys">{t('surveys.title')}</Link> › <Link to={`/surveys/${surveyId}`}>{survey.data?.title ?? ''}</Link>
            </nav>
            <PageTitle title={title}>{title}</PageTitle>
            <p className="meta">{t('surveys.responsesCount', { count: r.responses })}</p>
            {r.questions.map((q) => (
              <ResultChart key={q.question_id} result={q} min={bounds.get(q.question_id)?.min} max={bounds.get(q.question_id)?.max} />
            ))}
          </article>
        );
      }}
    </QueryView>
  );
}
