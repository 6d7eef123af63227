//! Admins' list of every territory as a tree, with a link to edit each and to add one.
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { NotAllowed, QueryView, SignInPrompt } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { isAdmin, useSession } from '../../../lib/auth/useSession';
import { buildTree, territoriesQuery } from '../api/territories';
import { TerritoryTree } from '../components/TerritoryTree';

export function TerritoriesAdminPage() {
  const t = useT();
  const { user } = useSession();
  const query = useQuery({ ...territoriesQuery(), enabled: isAdmin(user) });
  // The edit page comes back here after a delete, naming what it deleted.
  const deleted = (useLocation().state as { deleted?: string } | null)?.deleted;
  const title = t('territories.adminTitle');
  if (!isAdmin(user)) {
    return (
      <>
        <PageTitle title={title}>{title}</PageTitle>
        {user ? <NotAllowed /> : <SignInPrompt />}
      </>
    );
  }
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="lead">{t('territories.intro')}</p>
      <div role="status">{deleted && <p className="notice notice-success">{t('territories.deleted', { name: deleted })}</p>}</div>
      <p>
        <Link className="btn btn-primary" to="/admin/territories/new">
          {t('territories.create')}
        </Link>
      </p>
      <QueryView query={query}>
        {(territories) =>
          territories.length === 0 ? (
            <p>{t('territories.none')}</p>
          ) : (
            <TerritoryTree
              nodes={buildTree(territories)}
              actions={(territory) => (
                <Link to={`/admin/territories/${territory.id}`} className="btn btn-ghost btn-small">
                  {t('territories.edit')}
                  <span className="visually-hidden"> {territory.name}</span>
                </Link>
              )}
            />
          )
        }
      </QueryView>
    </>
  );
}
