//! The page a comment's settlement e-mail links to: it ends the e-mails about that one comment.
import { Link } from 'react-router';
import { useT } from '../../../i18n';
import { api } from '../../../lib/api/client';
import { toApiError, unwrap } from '../../../lib/api/problem';
import { UnsubscribeLink } from '../components/UnsubscribeLink';

export function CommentNoticesUnsubscribePage() {
  const t = useT();
  return (
    <UnsubscribeLink
      kind="comment"
      preview={(token) => unwrap(api.GET('/api/v1/unsubscribe/comment', { params: { query: { token } } }))}
      end={async (token) => {
        const { error, response } = await api.POST('/api/v1/unsubscribe/comment', { params: { query: { token } } });
        if (!response.ok) throw toApiError(error, response);
      }}
      describe={(found) => (
        <>
          {t('unsubscribe.of.comment')}{' '}
          {found.plan_id && <Link to={`/plans/${found.plan_id}`}>{t('unsubscribe.open')}</Link>}
        </>
      )}
    />
  );
}
