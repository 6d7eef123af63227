//! The page a subscription e-mail's "Odhlásit odběr" link opens: it names the subscription the link
//! ends (a plan, a working group or a territory, linked) and ends it with one button.
import { Link } from 'react-router';
import { useT } from '../../../i18n';
import { api } from '../../../lib/api/client';
import { toApiError, unwrap } from '../../../lib/api/problem';
import { TARGET_PAGES } from '../api/subscriptions';
import { UnsubscribeLink } from '../components/UnsubscribeLink';

export function UnsubscribePage() {
  const t = useT();
  return (
    <UnsubscribeLink
      kind="subscription"
      preview={(token) => unwrap(api.GET('/api/v1/unsubscribe', { params: { query: { token } } }))}
      end={async (token) => {
        const { error, response } = await api.POST('/api/v1/unsubscribe', { params: { query: { token } } });
        if (!response.ok) throw toApiError(error, response);
      }}
      describe={(found) => (
        <>
          {t(`unsubscribe.of.${found.target_type}`)}{' '}
          <Link to={`${TARGET_PAGES[found.target_type]}/${found.target_id}`}>{t('unsubscribe.open')}</Link>
        </>
      )}
    />
  );
}
