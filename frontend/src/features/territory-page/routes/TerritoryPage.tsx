//! The public page of a territory (území): where it lies (a breadcrumb of the territories above it),
//! its kind and official code, the territories directly below it, and the plans, working groups,
//! upcoming meetings and social services of it and everything below it, and the overview of its
//! network of services.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { StatusTag } from '../../../components/StatusTag';
import { QueryView } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { isAdmin, useSession } from '../../../lib/auth/useSession';
import { territoryUpcomingMeetingsQuery } from '../../meetings/api/meetings';
import { plansQuery } from '../../plans/api/plans';
import { territoryServicesQuery } from '../../services/api/services';
import { NetworkOverview } from '../../services/components/NetworkOverview';
import { ServiceList } from '../../services/components/ServiceList';
import { territoryGroupsQuery } from '../../working-groups/api/groups';
import { MeetingList } from '../../working-groups/components/MeetingList';
import { buildTree, childrenQuery, territoryQuery } from '../../territories/api/territories';
import { TerritoryName } from '../../territories/components/TerritoryTree';
import { ParentCrumbs } from '../components/ParentCrumbs';
import { FollowButton } from '../../subscriptions/components/FollowButton';

export function TerritoryPage() {
  const { territoryId = '' } = useParams();
  const t = useT();
  const { user } = useSession();
  const query = useQuery(territoryQuery(territoryId));
  const children = useQuery(childrenQuery(territoryId));
  const plans = useQuery(plansQuery(territoryId));
  const groups = useQuery(territoryGroupsQuery(territoryId));
  const meetings = useQuery(territoryUpcomingMeetingsQuery(territoryId));
  const services = useQuery(territoryServicesQuery(territoryId));

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
          <FollowButton targetType="territory" targetId={territory.id} />
          {isAdmin(user) && (
            <p className="inline-actions">
              <Link to={`/admin/territories/${territory.id}`}>{t('territories.editTitle')}</Link>
            </p>
          )}
          <section aria-labelledby="territory-plans">
            <h2 id="territory-plans">{t('territories.plans')}</h2>
            <QueryView query={plans}>
              {(list) =>
                list.length === 0 ? (
                  <p>{t('territories.noPlans')}</p>
                ) : (
                  <ul className="plain-list">
                    {list.map((p) => (
                      <li key={p.id}>
                        <Link to={`/plans/${p.id}`}>{p.title}</Link> <StatusTag kind="plan" value={p.status} />{' '}
                        <span className="meta">{t('plan.period', { start: String(p.period_start), end: String(p.period_end) })}</span>
                      </li>
                    ))}
                  </ul>
                )
              }
            </QueryView>
          </section>
          <section aria-labelledby="territory-groups">
            <h2 id="territory-groups">{t('territories.groups')}</h2>
            <QueryView query={groups}>
              {(list) =>
                list.length === 0 ? (
                  <p>{t('territories.noGroups')}</p>
                ) : (
                  <ul className="plain-list">
                    {list.map((g) => (
                      <li key={g.id}>
                        <Link to={`/working-groups/${g.id}`}>{g.name}</Link> <span className="meta">({t(`groupKind.${g.kind}`)})</span>
                      </li>
                    ))}
                  </ul>
                )
              }
            </QueryView>
          </section>
          <section aria-labelledby="territory-meetings">
            <h2 id="territory-meetings">{t('territories.meetings')}</h2>
            <QueryView query={meetings}>{(list) => <MeetingList meetings={list} empty={t('territories.noMeetings')} />}</QueryView>
          </section>
          <section aria-labelledby="territory-services">
            <h2 id="territory-services">{t('territories.services')}</h2>
            <QueryView query={services}>{(list) => <ServiceList services={list} empty={t('territories.noServices')} />}</QueryView>
          </section>
          <section aria-labelledby="territory-overview">
            <h2 id="territory-overview">{t('territories.overview')}</h2>
            <NetworkOverview territoryId={territory.id} />
          </section>
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
