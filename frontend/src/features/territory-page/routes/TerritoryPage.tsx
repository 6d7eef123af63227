//! The public page of a territory (území): where it lies (a breadcrumb of the territories above it),
//! its kind and official code, and the territories directly below it.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { isAdmin, useSession } from '../../../lib/auth/useSession';
import { buildTree, childrenQuery, territoryQuery } from '../../territories/api/territories';
import { TerritoryName } from '../../territories/components/TerritoryTree';
import { ParentCrumbs } from '../components/ParentCrumbs';

export function TerritoryPage() {
  const { territoryId = '' } = useParams();
  const t = useT();
  const { user } = useSession();
  const query = useQuery(territoryQuery(territoryId));
  const children = useQuery(childrenQuery(territoryId));

  return (
    <QueryView query={query} page>
      {(territory) => (
        <article>
          {territory.parent_id && (
            <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
              <ParentCrumbs id={territory.parent_id} />
            </nav>
          )}
          <PageTitle title={territory.name}>{territory.name}</PageTitle>
          <dl className="facts">
            <dt>{t('territories.kind')}</dt>
            <dd>{t(`territoryKind.${territory.kind}`)}</dd>
            <dt>{t('territories.code')}</dt>
            <dd>{territory.code || t('common.notGiven')}</dd>
          </dl>
          {isAdmin(user) && (
            <p className="inline-actions">
              <Link to={`/admin/territories/${territory.id}`}>{t('territories.editTitle')}</Link>
            </p>
          )}
          <section aria-labelledby="territories-below">
            <h2 id="territories-below">{t('territories.below')}</h2>
            <QueryView query={children}>
              {(list) =>
                list.length === 0 ? (
                  <p>{t('territories.noneBelow')}</p>
                ) : (
                  <ul className="plain-list">
                    {buildTree(list).map(({ territory: child }) => (
                      <li key={child.id}>
                        <TerritoryName territory={child} />
                      </li>
                    ))}
                  </ul>
                )
              }
            </QueryView>
          </section>
        </article>
      )}
    </QueryView>
  );
}
