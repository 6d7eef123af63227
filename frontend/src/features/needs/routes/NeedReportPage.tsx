//! "Nahlásit potřebu": the report form on a page of its own, the territory taken from the list's filter.
import { Link, useSearchParams } from 'react-router';
import { NarrowPage } from '../../../components/NarrowPage';
import { useT } from '../../../i18n';
import { NeedReportForm } from '../components/NeedReportForm';

export function NeedReportPage() {
  const t = useT();
  const [params] = useSearchParams();
  return (
    <NarrowPage title={t('needs.report')}>
      <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
        <Link to="/needs">{t('nav.needs')}</Link>
      </nav>
      <p className="lead">{t('needs.reportIntro')}</p>
      <NeedReportForm territoryId={params.get('territory_id') ?? ''} />
    </NarrowPage>
  );
}
