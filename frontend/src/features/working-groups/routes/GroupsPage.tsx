import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { CalendarFeed } from '../components/CalendarFeed';
import { groupsQuery } from '../api/groups';

export function GroupsPage() {
  const t = useT();
  const query = useQuery(groupsQuery());
  const { user } = useSession();
  return (
    <>
      <PageTitle title={t('groups.title')}>{t('groups.title')}</PageTitle>
      <p className="lead">{t('groups.intro')}</p>
      {isStaff(user) && (
        <p className="inline-actions">
          <Link to="/working-groups/new">{t('groups.create')}</Link>
        </p>
      )}
      <QueryView query={query}>
        {(groups) =>
          groups.length === 0 ? (
            <p>{t('groups.none')}</p>
          ) : (
            <ul className="card-list">
              {groups.map((g) => (
                <li key={g.id}>
                  <article className="card">
                    <h2 className="h3">
                      <Link to={`/working-groups/${g.id}`}>{g.name}</Link>
                    </h2>
                    <p className="meta">
                      {t(`groupKind.${g.kind}`)}
                      {g.target_group ? ` · ${t('groups.targetGroup')}: ${g.target_group}` : ''} ·{' '}
                      {t('groups.memberCount', { count: g.member_count })}
                      {!g.is_active && ` · ${t('groups.inactive')}`}
                    </p>
                    {g.description && <p>{g.description}</p>}
                  </article>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      <CalendarFeed title={t('groups.calendarAll')} level={2} />
    </>
  );
}
