//! What a page that failed to load or render shows (often a chunk gone after a new release, or a
//! dropped connection): an explanation and a reload, never a blank screen.
import { Link } from 'react-router';
import { useT } from '../i18n';
import { PageTitle } from './PageTitle';

/** `standalone` when the app shell itself failed, so the page brings its own main landmark. */
export function RouteErrorPage({ standalone = false }: { standalone?: boolean }) {
  const t = useT();
  const body = (
    <>
      <PageTitle title={t('errors.routeFailed')}>{t('errors.routeFailed')}</PageTitle>
      <p>{t('errors.routeFailedExplain')}</p>
      <p className="actions">
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          {t('errors.reload')}
        </button>
        <Link to="/" reloadDocument>
          {t('common.backHome')}
        </Link>
      </p>
    </>
  );
  return standalone ? (
    <main id="main" tabIndex={-1} className="container main">
      {body}
    </main>
  ) : (
    body
  );
}
