import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView } from '../../../components/QueryState';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../lib/auth/useSession';
import { TerritoryLink } from '../../territories/components/TerritoryLink';
import { byStakeholder, groupMeetingsQuery, groupQuery, knownMembers, membersQuery, splitMeetings } from '../api/groups';
import { useLeadership } from '../api/leadership';
import { CalendarFeed } from '../components/CalendarFeed';
import { MeetingList } from '../components/MeetingList';
import { MembersManager } from '../components/MembersManager';
import { FollowButton } from '../../subscriptions/components/FollowButton';

export function GroupPage() {
  const { groupId = '' } = useParams();
  const { t } = useI18n();
  const query = useQuery(groupQuery(groupId));
  const members = useQuery(membersQuery(groupId));
  const meetings = useQuery(groupMeetingsQuery(groupId));
  const { user } = useSession();
  const leadership = useLeadership([groupId]);

  return (
    <QueryView query={query} page>
      {(g) => {
        // Coordinators manage the groups of their territories; a group's leaders manage their own
        // (the API decides in the end).
        const staff = leadership.manages(g.territory_id);
        const manages = staff || leadership.leads(groupId);
        return (
          <article>
            <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
              <Link to="/working-groups">{t('groups.title')}</Link>
            </nav>
            <PageTitle title={g.name}>{g.name}</PageTitle>
            <p className="meta">
              {t(`groupKind.${g.kind}`)}
              {!g.is_active && ` · ${t('groups.inactive')}`}
            </p>
            <FollowButton targetType="working_group" targetId={g.id} />
            {manages && (
              <p className="inline-actions">
                <Link to={`/working-groups/${g.id}/edit`}>{t('groups.edit')}</Link>
                <Link to={`/working-groups/${g.id}/meetings/new`}>{t('meeting.schedule')}</Link>
              </p>
            )}
            <dl className="facts">
              {g.territory_id && (
                <>
                  <dt>{t('groups.fields.territory')}</dt>
                  <dd>
                    <TerritoryLink id={g.territory_id} />
                  </dd>
                </>
              )}
              <dt>{t('groups.targetGroup')}</dt>
              <dd>{g.target_group || t('common.notGiven')}</dd>
              {g.quorum != null && (
                <>
                  <dt>{t('groups.fields.quorum')}</dt>
                  <dd>{g.quorum}</dd>
                </>
              )}
            </dl>
            {g.vision && (
              <section aria-labelledby="group-vision">
                <h2 id="group-vision">{t('groups.vision')}</h2>
                <p className="pre-wrap">{g.vision}</p>
              </section>
            )}
            {g.description && <p className="pre-wrap">{g.description}</p>}
            <section aria-labelledby="members">
              <h2 id="members">{t('groups.members')}</h2>
              <QueryView query={members}>
                {(roster) =>
                  roster.length === 0 ? (
                    <p>{t('groups.noMembers')}</p>
                  ) : (
                    <div className="columns">
                      {byStakeholder(roster).map(({ stakeholder, members: list }) => (
                        <section key={stakeholder} aria-labelledby={`st-${stakeholder}`}>
                          <h3 id={`st-${stakeholder}`}>{t(`stakeholder.${stakeholder}`)}</h3>
                          <ul className="plain-list">
                            {list.map((m) => (
                              <li key={m.id}>
                                {m.display_name ?? t('groups.hiddenMember')}
                                {m.role === 'leader' && <strong> ({t('groups.leader')})</strong>}
                              </li>
                            ))}
                          </ul>
                        </section>
                      ))}
                    </div>
                  )
                }
              </QueryView>
            </section>
            {manages && user && members.data && (
              <MembersManager groupId={g.id} members={knownMembers(members.data)} staff={staff} currentUserId={user.id} />
            )}
            <section aria-labelledby="meetings">
              <h2 id="meetings">{t('groups.meetings')}</h2>
              <CalendarFeed groupId={g.id} title={t('groups.calendar')} level={3} />
              <QueryView query={meetings}>
                {(all) => {
                  const { upcoming, past } = splitMeetings(all);
                  return (
                    <>
                      <h3>{t('groups.upcoming')}</h3>
                      <MeetingList meetings={upcoming} empty={t('groups.noUpcoming')} />
                      <h3>{t('groups.past')}</h3>
                      <MeetingList meetings={past} empty={t('groups.noPast')} />
                    </>
                  );
                }}
              </QueryView>
            </section>
          </article>
        );
      }}
    </QueryView>
  );
}
