//! The page an e-mail's "Odhlásit odběr" link opens, with no sign-in: it names the subscription the
//! link ends (a plan, a working group or a territory, linked) and ends it with one button. Opening
//! the page ends nothing, because mail scanners open links too.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { NarrowPage } from '../../../components/NarrowPage';
import { ErrorMessage, Loading } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { api, type Schemas } from '../../../lib/api/client';
import { isApiError, toApiError, unwrap } from '../../../lib/api/problem';

type Subscription = Schemas['Subscription'];

const TARGET_PAGES: Record<Subscription['target_type'], string> = {
  plan: '/plans',
  working_group: '/working-groups',
  territory: '/territories',
};

export function UnsubscribePage() {
  const t = useT();
  const token = useSearchParams()[0].get('token') ?? '';
  const found = useQuery({
    queryKey: ['unsubscribe', token],
    queryFn: () => unwrap(api.GET('/api/v1/unsubscribe', { params: { query: { token } } })),
    enabled: !!token,
    retry: false,
  });
  const end = useMutation({
    mutationFn: async () => {
      const { error, response } = await api.POST('/api/v1/unsubscribe', { params: { query: { token } } });
      if (!response.ok) throw toApiError(error, response);
    },
  });
  const title = t('unsubscribe.title');
  const gone = !token || isApiError(found.error, 404) || isApiError(end.error, 404);
  return (
    <NarrowPage title={title}>
      <div role="status">
        {end.isSuccess && <p className="notice notice-success">{t('unsubscribe.done')}</p>}
        {gone && !end.isSuccess && <p className="notice notice-warning">{t('unsubscribe.gone')}</p>}
      </div>
      {found.isPending && token && <Loading />}
      {found.error && !gone && <ErrorMessage error={found.error} onRetry={() => void found.refetch()} />}
      {found.data && !end.isSuccess && !gone && (
        <>
          <p>
            {t(`unsubscribe.of.${found.data.target_type}`)}{' '}
            <Link to={`${TARGET_PAGES[found.data.target_type]}/${found.data.target_id}`}>{t('unsubscribe.open')}</Link>
          </p>
          {end.error && !gone && <ErrorMessage error={end.error} />}
          <button type="button" className="btn btn-primary" disabled={end.isPending} onClick={() => end.mutate()}>
            {t('unsubscribe.button')}
          </button>
        </>
      )}
    </NarrowPage>
  );
}
