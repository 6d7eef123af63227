//! Loading and error states shared by every page.
import { Link, useLocation } from 'react-router';
import { useT } from '../i18n';
import { describeProblem, isApiError } from '../lib/api/problem';
import { PageTitle } from './PageTitle';

export function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  let text = t('errors.network');
  if (isApiError(error)) {
    if (error.status === 404) text = t('errors.notFound');
    else if (error.status === 401) text = t('errors.unauthorized');
    else if (error.status === 403) text = t('errors.forbidden');
    else if (error.status === 429) text = t('errors.rateLimited');
    else if (error.status === 503) text = t('errors.unavailable');
    else text = describeProblem(error.problem, t);
  }
  return (
    <div className="notice notice-error" role="alert">
      <p>{text}</p>
      {isApiError(error, 401) && (
        <p>
          <Link to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>{t('shell.signIn')}</Link>
        </p>
      )}
      {onRetry && (
        <button type="button" className="btn btn-secondary btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/**
 * A whole page still loading: its own h1 and document title, so the previous page's title is not
 * left behind and screen-reader users land on a heading.
 */
export function PageLoading() {
  const t = useT();
  return (
    <div role="status">
      <PageTitle title={t('common.loading')}>{t('common.loading')}</PageTitle>
    </div>
  );
}

/** A whole page that could not be loaded: a heading and title saying so, then why. */
export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const title = isApiError(error, 404) ? t('errors.pageNotFound') : t('errors.pageFailed');
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <ErrorMessage error={error} onRetry={onRetry} />
    </>
  );
}

/** Renders loading, error or the content of one query; `page` when the query is the page's own. */
export function QueryView<T>({
  query,
  page = false,
  children,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  page?: boolean;
  children: (data: T) => React.ReactNode;
}) {
  if (query.isPending) return page ? <PageLoading /> : <Loading />;
  if (query.error || query.data === undefined) {
    const Failure = page ? PageError : ErrorMessage;
    return <Failure error={query.error} onRetry={() => query.refetch()} />;
  }
  return <>{children(query.data)}</>;
}

/** For a form the signed-in person may not use (the API would refuse it with 403 anyway). */
export function NotAllowed() {
  const t = useT();
  return (
    <div className="notice notice-error" role="alert">
      <p>{t('errors.forbidden')}</p>
    </div>
  );
}

/** For a page only signed-in people may use: a link to sign in that comes back here. */
export function SignInPrompt() {
  const t = useT();
  const location = useLocation();
  return (
    <p>
      <Link to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('auth.signInToContinue')}</Link>
    </p>
  );
}
