//! Services as a plain list: name linking to the service's page, kind with its paragraph (or
//! "související aktivita" for one that is not a registered service), and the provider.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useT } from '../../../i18n';
import { kindLabel, serviceKindsQuery, type Service } from '../api/services';

export function ServiceList({ services, empty }: { services: Service[]; empty: string }) {
  const t = useT();
  const kinds = useQuery(serviceKindsQuery()).data ?? [];
  if (services.length === 0) return <p>{empty}</p>;
  return (
    <ul className="plain-list">
      {services.map((s) => (
        <li key={s.id}>
          <Link to={`/services/${s.id}`}>{s.name}</Link>{' '}
          <span className="meta">
            {kindLabel(kinds, s.kind_code) ?? t('services.relatedActivity')}
            {' · '}
            {t('services.provider', { name: s.organization_name })}
          </span>
        </li>
      ))}
    </ul>
  );
}
