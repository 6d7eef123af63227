//! "Analýza potřeb": what the plan's analysis of needs holds (its surveys, given as `children`), then
//! the needs reported in the plan's territory and the places below it, with their status and
//! answers, and the way to report one there.
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { QueryView } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { needsQuery } from '../../needs/api/needs';
import { NeedList } from '../../needs/components/NeedList';

export function PlanNeeds({ territoryId, children }: { territoryId: string; children?: ReactNode }) {
  const t = useT();
  const query = useQuery(needsQuery({ territory_id: territoryId, target_group_code: '', status: '' }));
  const place = territoryId ? `?territory_id=${territoryId}` : '';
  return (
    <section aria-labelledby="needs-analysis">
      <h2 id="needs-analysis">{t('plan.needsAnalysis')}</h2>
      <p>{t('plan.needsAnalysisIntro')}</p>
      {children}
      <h3>{t('nav.needs')}</h3>
      <QueryView query={query}>{(needs) => <NeedList needs={needs} empty={t('needs.none')} level={4} />}</QueryView>
      <p className="inline-actions">
        <Link to={`/needs${place}`}>{t('plan.allNeeds')}</Link>
        <Link to={`/needs/new${place}`}>{t('needs.report')}</Link>
      </p>
    </section>
  );
}
