//! What an e-mail's unsubscribe link opens, with no sign-in: what the link ends (`describe` of what
//! the API's GET answers) and one button that ends it (the API's POST). Opening the page ends
//! nothing, because mail scanners open links too.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { NarrowPage } from '../../../components/NarrowPage';
import { ErrorMessage, Loading } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { isApiError } from '../../../lib/api/problem';

interface Props<T> {
  /** Names the query of what the link ends. */
  kind: string;
  preview: (token: string) => Promise<T>;
  end: (token: string) => Promise<void>;
  describe: (found: T) => React.ReactNode;
}

export function UnsubscribeLink<T>({ kind, preview, end: endIt, describe }: Props<T>) {
  const t = useT();
  const token = useSearchParams()[0].get('token') ?? '';
  const found = useQuery({ queryKey: ['unsubscribe', kind, token], queryFn: () => preview(token), enabled: !!token, retry: false });
  const end = useMutation({ mutationFn: () => endIt(token) });
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
          <p>{describe(found.data)}</p>
          {end.error && !gone && <ErrorMessage error={end.error} />}
          <button type="button" className="btn btn-primary" disabled={end.isPending} onClick={() => end.mutate()}>
            {t('unsubscribe.button')}
          </button>
        </>
      )}
    </NarrowPage>
  );
}
