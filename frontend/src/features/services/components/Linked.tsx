//! The services and organizations a measure names, as links named from their own pages (a measure
//! answers only their ids).
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useT } from '../../../i18n';
import { organizationQuery, serviceQuery } from '../api/services';

function LinkedList({ items, empty }: { items: { id: string; href: string; name: string | undefined }[]; empty: string }) {
  const t = useT();
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <ul className="contact-list">
      {items.map((item) => (
        <li key={item.id}>
          <Link to={item.href}>{item.name ?? t('common.loading')}</Link>
        </li>
      ))}
    </ul>
  );
}

export function LinkedServices({ ids, empty }: { ids: string[]; empty: string }) {
  const loaded = useQueries({ queries: ids.map((id) => serviceQuery(id)) });
  return <LinkedList items={ids.map((id, i) => ({ id, href: `/services/${id}`, name: loaded[i]?.data?.name }))} empty={empty} />;
}

export function LinkedOrganizations({ ids, empty }: { ids: string[]; empty: string }) {
  const loaded = useQueries({ queries: ids.map((id) => organizationQuery(id)) });
  return <LinkedList items={ids.map((id, i) => ({ id, href: `/organizations/${id}`, name: loaded[i]?.data?.name }))} empty={empty} />;
}
