//! An organization's public page (a provider, a municipality, …): who it is, how to reach it, the
//! services it runs and the measures it is responsible for or a partner of. Printable.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { PrintButton } from '../../../components/PrintButton';
import { QueryView } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { webHref } from '../api/describe';
import { kindLabel, organizationQuery, serviceKindsQuery } from '../api/services';
import { MeasureRefList } from '../components/MeasureRefList';

export function OrganizationPage() {
  const { organizationId = '' } = useParams();
  const t = useT();
  const query = useQuery(organizationQuery(organizationId));
  const kinds = useQuery(serviceKindsQuery()).data ?? [];
  const staff = isStaff(useSession().user);
  return (
    <QueryView query={query} page>
      {(o) => (
        <article className="printable">
          <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
            <Link to="/services">{t('nav.services')}</Link>
          </nav>
          <PageTitle title={o.name}>{o.name}</PageTitle>
          <p className="inline-actions">
            <PrintButton />
            {staff && (
              <>
                <Link className="btn btn-secondary" to={`/organizations/${o.id}/edit`}>
                  {t('organizations.edit.editTitle')}
                </Link>
                <Link className="btn btn-secondary" to={`/services/new?organization=${o.id}`}>
                  {t('organizations.edit.addService')}
                </Link>
              </>
            )}
          </p>
          {o.description && <p className="pre-wrap">{o.description}</p>}
          <dl className="facts">
            <dt>{t('organizations.kind')}</dt>
            <dd>{t(`organizationKind.${o.kind}`)}</dd>
            <dt>{t('organizations.ico')}</dt>
            <dd>{o.ico || t('common.notGiven')}</dd>
            <dt>{t('services.address')}</dt>
            <dd>{o.address || t('common.notGiven')}</dd>
            {o.phone && (
              <>
                <dt>{t('services.phone')}</dt>
                <dd>
                  <a href={`tel:${o.phone.replace(/\s/g, '')}`}>{o.phone}</a>
                </dd>
              </>
            )}
            {o.email && (
              <>
                <dt>{t('services.email')}</dt>
                <dd>
                  <a href={`mailto:${o.email}`}>{o.email}</a>
                </dd>
              </>
            )}
            {o.web && (
              <>
                <dt>{t('services.web')}</dt>
                <dd>
                  <a className="link-is-address" href={webHref(o.web)}>{o.web}</a>
                </dd>
              </>
            )}
          </dl>
          <section aria-labelledby="organization-services">
            <h2 id="organization-services">{t('organizations.services')}</h2>
            {o.services.length === 0 ? (
              <p>{t('organizations.noServices')}</p>
            ) : (
              <ul className="plain-list">
                {o.services.map((s) => (
                  <li key={s.id}>
                    <Link to={`/services/${s.id}`}>{s.name}</Link>{' '}
                    <span className="meta">{kindLabel(kinds, s.kind_code) ?? t('services.relatedActivity')}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="organization-measures">
            <h2 id="organization-measures">{t('organizations.measures')}</h2>
            <MeasureRefList measures={o.measures} empty={t('organizations.noMeasures')} />
          </section>
        </article>
      )}
    </QueryView>
  );
}
