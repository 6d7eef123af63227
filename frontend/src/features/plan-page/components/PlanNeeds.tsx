//! "Analýza potřeb": the needs reported in the plan's territory and the places below it, with their
//! status and answers, and the way to report one there.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueryView } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { needsQuery } from '../../needs/api/needs';
import { NeedList } from '../../needs/components/NeedList';

export function PlanNeeds({ territoryId }: { territoryId: string }) {
  const t = useT();
  const query = useQuery(needsQuery({ territory_id: territoryId, target_group_code: '', status: '' }));
  const place = territoryId ? `?territory_id=${territoryId}` : '';
  return (
    <section aria-labelledby="needs-analysis">
      <h2 id="needs-analysis">{t('plan.needsAnalysis')}</h2>
      <p>{t('plan.needsAnalysisIntro')}</p>
      <QueryView query={query}>{(needs) => <NeedList needs={needs} empty={t('needs.none')} level={3} />}</QueryView>
      <p className="inline-actions">
        <Link to={`/needs${place}`}>{t('plan.allNeeds')}</Link>
        <Link to={`/needs/new${place}`}>{t('needs.report')}</Link>
      </p>
    </section>
  );
}
