//! What a reader needs to know of a service, as facts: its kind with the paragraph of the Act, the
//! provider, forms, capacities, target groups, where it serves, its contacts and the measures of
//! community plans that develop it. The catalogue's cards and the service page show the same.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useI18n } from '../../../i18n';
import { targetGroupNames, targetGroupsQuery } from '../../../lib/api/targetGroups';
import { territoriesQuery } from '../../territories/api/territories';
import { capacityTexts, formTexts, webHref } from '../api/describe';
import { MeasureRefList } from './MeasureRefList';
import { kindLabel, serviceKindsQuery, type Service, type ServiceDetail } from '../api/services';

interface Props {
  service: Service;
  measures: ServiceDetail['measures'];
  /** On the service's own page: also the address when none is given, validity and registration. */
  full?: boolean;
}

export function ServiceFacts({ service, measures, full = false }: Props) {
  const { t, formatDate } = useI18n();
  const kinds = useQuery(serviceKindsQuery()).data ?? [];
  const groups = useQuery(targetGroupsQuery()).data ?? [];
  const territories = useQuery(territoriesQuery()).data ?? [];
  const none = t('common.notGiven');
  const list = (items: string[]) => (items.length ? items.join(', ') : none);
  const contacts = [service.phone, service.email, service.web].some(Boolean);
  return (
    <dl className="facts">
      <dt>{t('services.kind')}</dt>
      <dd>{kindLabel(kinds, service.kind_code) ?? t('services.relatedActivity')}</dd>
      <dt>{t('services.providerLabel')}</dt>
      <dd>
        <Link to={`/organizations/${service.organization_id}`}>{service.organization_name}</Link>
      </dd>
      <dt>{t('services.forms')}</dt>
      <dd>{list(formTexts(service.forms, t))}</dd>
      <dt>{t('services.capacity')}</dt>
      <dd>{list(capacityTexts(service.capacities, t))}</dd>
      <dt>{t('services.targetGroups')}</dt>
      <dd>{list(targetGroupNames(groups, service.target_group_codes))}</dd>
      <dt>{t('services.serves')}</dt>
      <dd>
        {service.territory_ids.length === 0
          ? none
          : service.territory_ids.map((id, i) => (
              <span key={id}>
                {i > 0 && ', '}
                <Link to={`/territories/${id}`}>{territories.find((x) => x.id === id)?.name ?? '…'}</Link>
              </span>
            ))}
      </dd>
      {(full || service.address) && (
        <>
          <dt>{t('services.address')}</dt>
          <dd>{service.address || none}</dd>
        </>
      )}
      <dt>{t('services.contacts')}</dt>
      <dd>
        {contacts ? (
          <ul className="contact-list">
            {service.phone && (
              <li>
                {t('services.phone')}: <a href={`tel:${service.phone.replace(/\s/g, '')}`}>{service.phone}</a>
              </li>
            )}
            {service.email && (
              <li>
                {t('services.email')}: <a href={`mailto:${service.email}`}>{service.email}</a>
              </li>
            )}
            {service.web && (
              <li>
                {t('services.web')}: <a className="link-is-address" href={webHref(service.web)}>{service.web}</a>
              </li>
            )}
          </ul>
        ) : (
          // The register often lists contacts only for the provider.
          <Link to={`/organizations/${service.organization_id}`}>{t('services.providerContacts')}</Link>
        )}
      </dd>
      <dt>{t('services.measures')}</dt>
      <dd>
        <MeasureRefList measures={measures} empty={t('services.noMeasures')} />
      </dd>
      {full && (service.valid_from || service.valid_to) && (
        <>
          <dt>{t('services.validity')}</dt>
          <dd>{validity(service, formatDate, t)}</dd>
        </>
      )}
      {full && service.registration_id && (
        <>
          <dt>{t('services.registrationId')}</dt>
          <dd>{service.registration_id}</dd>
        </>
      )}
    </dl>
  );
}

/** "od 1. ledna 2020", "do 31. prosince 2026" or "od … do …", as the service's validity is known. */
function validity(service: Service, formatDate: (iso: string | null | undefined) => string, t: (key: string, vars?: Record<string, string>) => string) {
  const from = formatDate(service.valid_from);
  const to = formatDate(service.valid_to);
  if (from && to) return t('measure.fromTo', { from, to });
  return from ? t('services.validFrom', { date: from }) : t('services.validTo', { date: to });
}
