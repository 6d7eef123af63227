//! One survey: what it asks and for whom, the answering form while it takes responses (and the
//! thanks after), the link to its results when they are public; its staff open and close it, edit
//! it and download the raw responses.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { FormErrors } from '../../../components/FormErrors';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView } from '../../../components/QueryState';
import { useI18n } from '../../../i18n';
import { canManageTerritory, useSession } from '../../../lib/auth/useSession';
import { deliverFile } from '../../../lib/download';
import { useSubmit } from '../../../lib/useSubmit';
import { responsesCsv, surveyQuery, useSurveyStatus, type Survey } from '../api/surveys';
import { AnswerForm } from '../components/AnswerForm';

export function SurveyPage() {
  const { surveyId = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const { user } = useSession();
  const query = useQuery(surveyQuery(surveyId));
  const [thanked, setThanked] = useState(false);
  return (
    <QueryView query={query} page>
      {(survey) => {
        const staff = canManageTerritory(user, survey.territory_id);
        const resultsOpen = staff || (survey.status === 'closed' && survey.results_public);
        return (
          <article>
            <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
              <Link to="/surveys">{t('surveys.title')}</Link>
            </nav>
            <PageTitle title={survey.title}>{survey.title}</PageTitle>
            <p className="meta">
              <span className={`tag tag-survey-${survey.status}`}>{t(`surveyStatus.${survey.status}`)}</span>{' '}
              {t('surveys.responsesCount', { count: survey.responses })}
              {survey.opens_at && ` · ${t('surveys.opensAt', { at: formatDateTime(survey.opens_at) })}`}
              {survey.closes_at && ` · ${t('surveys.closesAt', { at: formatDateTime(survey.closes_at) })}`}
            </p>
            {survey.description && <p className="pre-wrap">{survey.description}</p>}
            {staff && <StaffControls survey={survey} />}
            {resultsOpen && (
              <p>
                <Link to={`/surveys/${survey.id}/results`}>{t('surveys.results.link')}</Link>
              </p>
            )}
            {thanked ? (
              <div className="notice notice-success" role="status" tabIndex={-1}>
                <h2>{t('surveys.answer.thanksTitle')}</h2>
                <p>{t('surveys.answer.thanks')}</p>
              </div>
            ) : survey.accepting_responses ? (
              <AnswerForm survey={survey} onDone={() => setThanked(true)} />
            ) : (
              <p className="muted">{survey.status === 'closed' ? t('surveys.closed') : t('surveys.notOpen')}</p>
            )}
          </article>
        );
      }}
    </QueryView>
  );
}

function StaffControls({ survey }: { survey: Survey }) {
  const { t } = useI18n();
  const submit = useSubmit();
  const status = useSurveyStatus();
  const next = survey.status === 'open' ? 'closed' : 'open';
  return (
    <section aria-labelledby="survey-staff" className="panel">
      <h2 id="survey-staff">{t('surveys.staff.title')}</h2>
      <FormErrors error={submit.error} fields={[]} />
      <p className="inline-actions">
        <Link to={`/surveys/${survey.id}/edit`}>{t('surveys.staff.edit')}</Link>
        <button
          type="button"
          className="btn btn-secondary btn-small"
          disabled={submit.busy}
          onClick={() => void submit.run(async () => void (await status.mutateAsync({ survey, status: next })))}
        >
          {t(`surveys.staff.to.${next}`)}
        </button>
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => void submit.run(async () => deliverFile(await responsesCsv(survey.id), { save: `dotaznik-${survey.id}.csv` }))}
        >
          {t('surveys.staff.csv')}
        </button>
      </p>
    </section>
  );
}
