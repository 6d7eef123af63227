//! The surveys of a plan's needs analysis, for the plan page's "Analýza potřeb" section.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueryView } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { surveysQuery } from '../api/surveys';
import { SurveyList } from './SurveyList';

export function PlanSurveys({ planId, staff }: { planId: string; staff: boolean }) {
  const t = useT();
  const query = useQuery(surveysQuery(planId));
  return (
    <>
      <h3>{t('surveys.title')}</h3>
      <QueryView query={query}>{(surveys) => <SurveyList surveys={surveys} />}</QueryView>
      {staff && (
        <p className="inline-actions">
          <Link to={`/surveys/new?plan=${planId}`}>{t('surveys.builder.createTitle')}</Link>
        </p>
      )}
    </>
  );
}
