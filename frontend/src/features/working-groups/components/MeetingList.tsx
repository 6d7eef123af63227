//! Meetings as a list: when, the title linked to the meeting, and its status.
import { Link } from 'react-router';
import { StatusTag } from '../../../components/StatusTag';
import { useI18n } from '../../../i18n';
import type { Schemas } from '../../../lib/api/client';

export function MeetingList({ meetings, empty }: { meetings: Schemas['Meeting'][]; empty: string }) {
  const { formatDateTime } = useI18n();
  if (meetings.length === 0) return <p>{empty}</p>;
  return (
    <ul className="plain-list">
      {meetings.map((m) => (
        <li key={m.id}>
          <time dateTime={m.starts_at}>{formatDateTime(m.starts_at)}</time> – <Link to={`/meetings/${m.id}`}>{m.title}</Link>{' '}
          <StatusTag kind="meeting" value={m.status} />
        </li>
      ))}
    </ul>
  );
}
