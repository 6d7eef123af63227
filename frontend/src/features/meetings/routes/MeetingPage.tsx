import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView } from '../../../components/QueryState';
import { StatusTag } from '../../../components/StatusTag';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../lib/auth/useSession';
import { CommentForm } from '../../consultation/components/CommentForm';
import { CommentList } from '../../consultation/components/CommentList';
import { meetingQuery } from '../api/meetings';

export function MeetingPage() {
  const { meetingId = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const { user } = useSession();
  const query = useQuery(meetingQuery(meetingId));

  return (
    <QueryView query={query}>
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
              {m.quorum_met !== null && m.quorum_met !== undefined && (
                <> · {m.quorum_met ? t('meeting.quorumMet') : t('meeting.quorumNotMet')}</>
              )}
            </dd>
          </dl>
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
          <CommentList targetType="meeting" targetId={m.id} />
          {user && <CommentForm targetType="meeting" targetId={m.id} />}
        </article>
      )}
    </QueryView>
  );
}
