//! Needs as cards: the title (to the need's page), its status, where and for whom, when it was
//! reported, and the public answer once there is one.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { StatusTag } from '../../../components/StatusTag';
import { useI18n } from '../../../i18n';
import { targetGroupNames, targetGroupsQuery } from '../../../lib/api/targetGroups';
import { territoriesQuery } from '../../territories/api/territories';
import type { Need } from '../api/needs';

export function NeedList({ needs, empty, level = 2 }: { needs: Need[]; empty: string; level?: 2 | 3 | 4 }) {
  const { t, formatDate } = useI18n();
  const groups = useQuery(targetGroupsQuery()).data ?? [];
  const territories = useQuery(territoriesQuery()).data ?? [];
  const territoryName = (id: string | null | undefined) => territories.find((x) => x.id === id)?.name;
  const Heading = (['h2', 'h3', 'h4'] as const)[level - 2]!;
  if (needs.length === 0) return <p>{empty}</p>;
  return (
    <ul className="card-list">
      {needs.map((n) => (
        <li key={n.id}>
          <article className="card">
            <Heading>
              <Link to={`/needs/${n.id}`}>{n.title}</Link>
            </Heading>
            <p className="meta">
              <StatusTag kind="need" value={n.status} /> {territoryName(n.territory_id) ?? t('needs.wholeInstallation')}
              {n.target_group_codes.length > 0 && ` · ${targetGroupNames(groups, n.target_group_codes).join(', ')}`}
              {` · ${t('needs.reportedOn', { date: formatDate(n.created_at) })}`}
            </p>
            {n.response && (
              <p>
                <strong>{t('needs.answer')}:</strong> {n.response}
              </p>
            )}
          </article>
        </li>
      ))}
    </ul>
  );
}
