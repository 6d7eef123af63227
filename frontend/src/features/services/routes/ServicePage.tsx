//! A service's public page: its facts, description and validity, and the measures that develop it.
//! Printable (the print style sheet leaves out the navigation and spells out external links).
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { PrintButton } from '../../../components/PrintButton';
import { QueryView } from '../../../components/QueryState';
import { useI18n } from '../../../i18n';
import { serviceQuery } from '../api/services';
import { ServiceFacts } from '../components/ServiceFacts';

export function ServicePage() {
  const { serviceId = '' } = useParams();
  const { t, formatDate } = useI18n();
  const query = useQuery(serviceQuery(serviceId));
  return (
    <QueryView query={query} page>
      {(s) => (
        <article className="printable">
          <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
            <Link to="/services">{t('nav.services')}</Link>
          </nav>
          <PageTitle title={s.name}>{s.name}</PageTitle>
          <p className="inline-actions">
            <PrintButton />
          </p>
          {s.description && <p className="pre-wrap">{s.description}</p>}
          <ServiceFacts service={s} measures={s.measures} full />
          <dl className="facts">
            {(s.valid_from || s.valid_to) && (
              <>
                <dt>{t('services.validity')}</dt>
                <dd>{t('measure.fromTo', { from: formatDate(s.valid_from) || '…', to: formatDate(s.valid_to) || '…' })}</dd>
              </>
            )}
            {s.registration_id && (
              <>
                <dt>{t('services.registrationId')}</dt>
                <dd>{s.registration_id}</dd>
              </>
            )}
          </dl>
        </article>
      )}
    </QueryView>
  );
}
