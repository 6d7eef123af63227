//! The app shell: skip link, header (navigation, language, sign-in), main landmark, footer.
import { Suspense, useEffect } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { LANGS, useI18n } from '../i18n';
import { signOut } from '../features/auth/api/auth';
import { isAdmin, isStaff, useSession } from '../lib/auth/useSession';
import { session } from '../lib/auth/session';
import { PageLoading } from '../components/QueryState';
import { HeaderSearch } from '../features/search/components/HeaderSearch';

export function Layout() {
  const { t, lang, setLang } = useI18n();
  const { user, expired } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const other = LANGS.find((l) => l !== lang) ?? 'en';

  // After a client-side navigation, move focus to the page so screen readers announce it; not when
  // a control on the page changed the address (a filter, `keepFocus`), as its user is still on it.
  const keepFocus = (location.state as { keepFocus?: boolean } | null)?.keepFocus === true;
  useEffect(() => {
    const main = document.getElementById('main');
    if (main && location.key !== 'default' && !keepFocus) main.focus({ preventScroll: false });
  }, [location.pathname, location.key, keepFocus]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <span>
              <span className="brand-name">Spoluplán</span>
              <span className="brand-tagline">{t('shell.tagline')}</span>
            </span>
          </Link>
          <HeaderSearch />
          <div className="header-tools">
            <button
              type="button"
              className="btn btn-ghost btn-small"
              lang={other}
              onClick={() => setLang(other)}
              aria-label={t('shell.switchLanguageLabel')}
            >
              {t('shell.otherLanguage')}
            </button>
            {user ? (
              <>
                <span className="signed-in-as">{t('shell.signedInAs', { name: user.display_name })}</span>
                <NavLink className="btn btn-ghost btn-small" to="/account" end>
                  {t('nav.myAccount')}
                </NavLink>
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  onClick={async () => {
                    await signOut();
                    navigate('/');
                  }}
                >
                  {t('shell.signOut')}
                </button>
              </>
            ) : (
              <Link className="btn btn-secondary btn-small" to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}>
                {t('shell.signIn')}
              </Link>
            )}
          </div>
        </div>
        <nav aria-label={t('shell.mainNavigation')} className="main-nav">
          <ul className="container">
            <li>
              <NavLink to="/" end>
                {t('nav.plans')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/working-groups">{t('nav.workingGroups')}</NavLink>
            </li>
            <li>
              <NavLink to="/services">{t('nav.services')}</NavLink>
            </li>
            <li>
              <NavLink to="/needs">{t('nav.needs')}</NavLink>
            </li>
            <li>
              <NavLink to="/surveys">{t('nav.surveys')}</NavLink>
            </li>
            {user && (
              <li>
                <NavLink to="/account/api-keys">{t('nav.apiKeys')}</NavLink>
              </li>
            )}
            {isAdmin(user) || isStaff(user) ? (
              <li>
                <NavLink to="/admin/users">{t('nav.users')}</NavLink>
              </li>
            ) : null}
            {isAdmin(user) && (
              <li>
                <NavLink to="/admin/territories">{t('nav.territories')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
      </header>
      {expired && (
        <div className="container">
          <div className="notice notice-warning" role="alert">
            <p>{t('auth.sessionExpired')}</p>
            <p>
              <Link
                to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}
                onClick={() => session.acknowledgeExpiry()}
              >
                {t('auth.signInAgain')}
              </Link>{' '}
              <button type="button" className="btn btn-ghost btn-small" onClick={() => session.acknowledgeExpiry()}>
                {t('common.dismiss')}
              </button>
            </p>
          </div>
        </div>
      )}
      <main id="main" tabIndex={-1} className="container main">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('shell.footerAbout')}</p>
          <p>
            <Link to="/open-data">{t('shell.openData')}</Link>
            {' · '}
            <a href="/api/v1/openapi.json">{t('shell.apiDocument')}</a>
          </p>
        </div>
      </footer>
    </>
  );
}
