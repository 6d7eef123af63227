//! Every survey the person may see, newest first; coordinators start new ones here.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { surveysQuery } from '../api/surveys';
import { SurveyList } from '../components/SurveyList';

export function SurveysPage() {
  const t = useT();
  const { user } = useSession();
  const query = useQuery(surveysQuery());
  return (
    <>
      <PageTitle title={t('surveys.title')}>{t('surveys.title')}</PageTitle>
      <p>{t('surveys.intro')}</p>
      {isStaff(user) && (
        <p className="inline-actions">
          <Link to="/surveys/new">{t('surveys.builder.createTitle')}</Link>
        </p>
      )}
      <QueryView query={query}>{(surveys) => <SurveyList surveys={surveys} />}</QueryView>
    </>
  );
}
