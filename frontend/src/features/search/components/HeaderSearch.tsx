//! The search field in the header of every page ("Hledat"): it opens the results page for what
//! was typed, keeping the kinds and territory chosen there.
import { useId } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../../../i18n';
import { readSearch, searchToParams } from '../api/search';

export function HeaderSearch() {
  const t = useT();
  const id = useId();
  const navigate = useNavigate();
  const location = useLocation();
  const onResults = location.pathname === '/search';
  const current = onResults ? readSearch(new URLSearchParams(location.search)) : null;
  return (
    <form
      role="search"
      aria-label={t('search.siteSearch')}
      className="header-search"
      onSubmit={(e) => {
        e.preventDefault();
        const q = String(new FormData(e.currentTarget).get('q') ?? '').trim();
        const filters = { q, types: current?.types ?? [], territory: current?.territory ?? '' };
        navigate(`/search?${searchToParams(filters).toString()}`);
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {t('search.label')}
      </label>
      {/* Keyed by the address's text, so the field shows what the results page searched. */}
      <input key={current?.q ?? ''} id={id} type="search" name="q" defaultValue={current?.q ?? ''} autoComplete="off" />
      <button type="submit" className="btn btn-secondary btn-small">
        {t('search.button')}
      </button>
    </form>
  );
}
