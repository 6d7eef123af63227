import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView } from '../../../components/QueryState';
import { StatusTag } from '../../../components/StatusTag';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../lib/auth/useSession';
import { CommentForm } from '../../consultation/components/CommentForm';
import { CommentList } from '../../consultation/components/CommentList';
import { groupQuery, membersQuery } from '../../working-groups/api/groups';
import { useLeadership } from '../../working-groups/api/leadership';
import { meetingQuery } from '../api/meetings';

export function MeetingPage() {
  const { meetingId = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const { user } = useSession();
  const query = useQuery(meetingQuery(meetingId));
  const members = useQuery({ ...membersQuery(query.data?.working_group_id ?? ''), enabled: !!query.data });
  const group = useQuery({ ...groupQuery(query.data?.working_group_id ?? ''), enabled: !!query.data });
  // Coordinators of the group's territory, and the group's own leaders, schedule and record its meetings.
  const leadership = useLeadership([query.data?.working_group_id]);
  const manages =
    (!!group.data && leadership.manages(group.data.territory_id)) || leadership.leads(query.data?.working_group_id);
  const nameOf = (id: string) => members.data?.find((mm) => mm.user_id === id)?.display_name ?? null;

  return (
    <QueryView query={query} page>
      {(m) => (
        <article>
          <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
            <Link to="/working-groups">{t('groups.title')}</Link> ›{' '}
            <Link to={`/working-groups/${m.working_group_id}`}>{m.working_group_name}</Link>
          </nav>
          <PageTitle title={m.title}>{m.title}</PageTitle>
          <p className="meta">
            <StatusTag kind="meeting" value={m.status} />
          </p>
          {manages && (
            <p className="inline-actions">
              <Link to={`/meetings/${m.id}/edit`}>{t('meeting.edit')}</Link>
              <Link to={`/meetings/${m.id}/record`}>{t('meeting.writeRecord')}</Link>
            </p>
          )}
          <dl className="facts">
            <dt>{t('meeting.when')}</dt>
            <dd>
              <time dateTime={m.starts_at}>{formatDateTime(m.starts_at)}</time> –{' '}
              <time dateTime={m.ends_at}>{formatDateTime(m.ends_at)}</time>
            </dd>
            <dt>{t('meeting.format')}</dt>
            <dd>{t(`meetingFormat.${m.format}`)}</dd>
            {m.location && (
              <>
                <dt>{t('meeting.location')}</dt>
                <dd>{m.location}</dd>
              </>
            )}
            {m.online_url && (
              <>
                <dt>{t('meeting.online')}</dt>
                <dd>
                  <a href={m.online_url} rel="noopener noreferrer">
                    {m.online_url}
                  </a>
                </dd>
              </>
            )}
            <dt>{t('meeting.attendance')}</dt>
            <dd>
              {t('meeting.attendanceCounts', {
                present: m.attendance_counts.present,
                excused: m.attendance_counts.excused,
                guests: m.attendance_counts.guests,
              })}
              {/* Judged only once held: before that, who comes is not yet known. */}
              {m.quorum_met !== null && m.quorum_met !== undefined && (
                <> · {m.quorum_met ? t('meeting.quorumMet') : t('meeting.quorumNotMet')}</>
              )}
              {m.status === 'scheduled' && m.quorum != null && <> · {t('meeting.quorumNeeded', { quorum: m.quorum })}</>}
            </dd>
          </dl>
          <AttendanceNames
            present={(m.attendance.present ?? []).map(nameOf)}
            excused={(m.attendance.excused ?? []).map(nameOf)}
            guests={(m.attendance.guests ?? []).map((g) => `${g.name} (${t(`stakeholderOne.${g.stakeholder}`)})`)}
          />
          <section aria-labelledby="agenda">
            <h2 id="agenda">{t('meeting.agenda')}</h2>
            {m.agenda.length === 0 ? (
              <p>{t('meeting.noAgenda')}</p>
            ) : (
              <ol>
                {m.agenda.map((a, i) => (
                  <li key={i}>
                    {a.title}
                    {a.note ? <p className="muted">{a.note}</p> : null}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-labelledby="minutes">
            <h2 id="minutes">{t('meeting.minutes')}</h2>
            {m.minutes ? <p className="pre-wrap">{m.minutes}</p> : <p>{t('meeting.noMinutes')}</p>}
          </section>
          <section aria-labelledby="resolutions">
            <h2 id="resolutions">{t('meeting.resolutions')}</h2>
            {m.resolutions_without_quorum && (
              <p className="notice notice-warning" role="note">
                {t('meeting.resolutionsWithoutQuorum', { present: m.attendance_counts.present, quorum: m.quorum ?? 0 })}
              </p>
            )}
            {m.resolutions.length === 0 ? (
              <p>{t('meeting.noResolutions')}</p>
            ) : (
              <ol>
                {m.resolutions.map((r, i) => (
                  <li key={i}>
                    <p>{r.text}</p>
                    <p className="muted">
                      {t('meeting.votes', { for: r.votes_for, against: r.votes_against, abstained: r.votes_abstained })}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <CommentList targetType="meeting" targetId={m.id} territoryId={group.data?.territory_id} />
          {user && <CommentForm targetType="meeting" targetId={m.id} />}
        </article>
      )}
    </QueryView>
  );
}

/** Who came, by name where the reader may see names (service users' names are withheld from the public). */
function AttendanceNames({ present, excused, guests }: { present: (string | null)[]; excused: (string | null)[]; guests: string[] }) {
  const { t } = useI18n();
  const named = (list: (string | null)[]) => {
    const names = list.filter((n): n is string => !!n);
    const hidden = list.length - names.length;
    return [...names, ...(hidden > 0 ? [t('meeting.othersHidden', { count: hidden })] : [])].join(', ');
  };
  if (present.length + excused.length + guests.length === 0) return null;
  return (
    <section aria-labelledby="attendance-names">
      <h2 id="attendance-names">{t('meeting.attendance')}</h2>
      <dl className="facts">
        {present.length > 0 && (
          <>
            <dt>{t('meeting.record.presence.present')}</dt>
            <dd>{named(present)}</dd>
          </>
        )}
        {excused.length > 0 && (
          <>
            <dt>{t('meeting.record.presence.excused')}</dt>
            <dd>{named(excused)}</dd>
          </>
        )}
        {guests.length > 0 && (
          <>
            <dt>{t('meeting.record.guests')}</dt>
            <dd>{guests.join(', ')}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
