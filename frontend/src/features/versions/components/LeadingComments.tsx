//! The consultation comments that led to a change, each with its number in the register, author,
//! text and settlement.
import { Link } from 'react-router';
import { useT } from '../../../i18n';
import type { Schemas } from '../../../lib/api/client';

export function LeadingComments({ planId, entries }: { planId: string; entries: Schemas['RegisterEntry'][] }) {
  const t = useT();
  if (entries.length === 0) return null;
  return (
    <div className="leading-comments">
      <h5>{t('versions.ledBy')}</h5>
      <ul className="plain-list">
        {entries.map((e) => (
          <li key={e.comment_id}>
            <Link to={`/plans/${planId}/register`}>{t('versions.commentNumber', { number: e.number })}</Link>{' '}
            ({e.author.display_name}): <q>{e.body ?? t('register.hiddenBody')}</q>
            {e.resolution && <> – {t(`resolutionStatus.${e.resolution}`)}</>}
            {e.resolution_note && <>: {e.resolution_note}</>}
          </li>
        ))}
      </ul>
    </div>
  );
}
