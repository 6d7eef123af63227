//! A service's public page: its facts, description and validity, and the measures that develop it.
//! Printable (the print style sheet leaves out the navigation and spells out external links).
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { PrintButton } from '../../../components/PrintButton';
import { QueryView } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { useSession } from '../../../lib/auth/useSession';
import { canManageService } from '../api/manage';
import { serviceQuery } from '../api/services';
import { ServiceFacts } from '../components/ServiceFacts';

export function ServicePage() {
  const { serviceId = '' } = useParams();
  const t = useT();
  const query = useQuery(serviceQuery(serviceId));
  const { user } = useSession();
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
            {canManageService(user, s) && (
              <Link className="btn btn-secondary" to={`/services/${s.id}/edit`}>
                {t('services.edit.editTitle')}
              </Link>
            )}
          </p>
          {s.description && <p className="pre-wrap">{s.description}</p>}
          <ServiceFacts service={s} measures={s.measures} full />
        </article>
      )}
    </QueryView>
  );
}
