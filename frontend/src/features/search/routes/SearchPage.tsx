//! Search results (Výsledky hledání): what was typed found across plans, goals, measures,
//! services, organizations, working groups, meetings and needs, grouped by kind, with filters by
//! kind and territory. The search stands in the address, so it can be shared; the count is
//! announced when the results change.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Field, Fieldset } from '../../../components/Field';
import { MoreButton } from '../../../components/MoreButton';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { useAddressFilters } from '../../../lib/useAddressFilters';
import { TerritorySelect } from '../../territories/components/TerritorySelect';
import { groupByKind, hitPath, MIN_QUERY, readSearch, searchable, searchQuery, searchToParams, SEARCH_KINDS } from '../api/search';
import { HitSnippet } from '../components/HitSnippet';

export function SearchPage() {
  const t = useT();
  const [filters, set] = useAddressFilters(readSearch, searchToParams);
  const results = useInfiniteQuery(searchQuery(filters));
  const title = filters.q ? t('search.titleFor', { q: filters.q }) : t('search.title');

  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <form
        role="search"
        aria-label={t('search.filters')}
        className="filters search-filters"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: String(new FormData(e.currentTarget).get('q') ?? '').trim() });
        }}
      >
        <div className="catalogue-search">
          <Field label={t('search.label')} hint={t('search.hint')}>
            <input key={filters.q} type="search" name="q" defaultValue={filters.q} minLength={MIN_QUERY} />
          </Field>
          <button type="submit" className="btn btn-primary">
            {t('search.button')}
          </button>
        </div>
        <Fieldset legend={t('search.kinds')} hint={t('search.kindsHint')}>
          {SEARCH_KINDS.map((kind) => (
            <label key={kind} className="checkbox">
              <input
                type="checkbox"
                checked={filters.types.includes(kind)}
                onChange={(e) => set({ types: e.target.checked ? [...filters.types, kind] : filters.types.filter((k) => k !== kind) })}
              />{' '}
              {t(`search.kind.${kind}`)}
            </label>
          ))}
        </Fieldset>
        <Field label={t('search.territory')}>
          <TerritorySelect empty={t('catalogue.allTerritories')} value={filters.territory} onChange={(territory) => set({ territory })} />
        </Field>
      </form>
      {!searchable(filters) ? (
        <p role="status">{t('search.tooShort', { count: MIN_QUERY })}</p>
      ) : (
        <QueryView query={results}>
          {(data) => {
            const hits = data.pages.flatMap((page) => page.items);
            return (
              <>
                <p role="status" className="meta">
                  {results.hasNextPage ? t('search.shownMore', { count: hits.length }) : t('search.shown', { count: hits.length })}
                </p>
                {hits.length === 0 && <p>{t('search.none')}</p>}
                {groupByKind(hits).map(([kind, group]) => (
                  <section key={kind} aria-labelledby={`hits-${kind}`} className="search-group">
                    <h2 id={`hits-${kind}`}>
                      {t(`search.kind.${kind}`)} <span className="meta">({group.length})</span>
                    </h2>
                    <ol className="hit-list">
                      {group.map((hit) => (
                        <li key={hit.id}>
                          <h3>
                            <Link to={hitPath(hit)}>{hit.title}</Link>
                          </h3>
                          {hit.snippet && <HitSnippet snippet={hit.snippet} />}
                        </li>
                      ))}
                    </ol>
                  </section>
                ))}
                <MoreButton query={results} label={t('search.more')} />
              </>
            );
          }}
        </QueryView>
      )}
    </>
  );
}
