//! The public catalogue of social services (Katalog sociálních služeb): the services in operation,
//! filtered by kind, target group, form, territory and name. The filters stand in the address, so a
//! search can be shared; results come a page at a time.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Field } from '../../../components/Field';
import { MoreButton } from '../../../components/MoreButton';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { targetGroupsQuery } from '../../../lib/api/targetGroups';
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { useAddressFilters } from '../../../lib/useAddressFilters';
import { TerritorySelect } from '../../territories/components/TerritorySelect';
import { filtersToParams, hasFilters, readFilters, type CatalogueFilters } from '../api/catalogueFilters';
import { catalogueQuery, SERVICE_FORMS } from '../api/services';
import { ServiceCard } from '../components/ServiceCard';
import { ServiceKindSelect } from '../components/ServiceKindSelect';

export function CataloguePage() {
  const t = useT();
  const [filters, set] = useAddressFilters(readFilters, filtersToParams);
  const groups = useQuery(targetGroupsQuery()).data ?? [];
  const results = useInfiniteQuery(catalogueQuery(filters));
  const staff = isStaff(useSession().user);

  return (
    <>
      <PageTitle title={t('catalogue.title')}>{t('catalogue.title')}</PageTitle>
      <p className="lead">{t('catalogue.intro')}</p>
      {staff && (
        <p className="inline-actions">
          <Link className="btn btn-primary" to="/services/new">
            {t('services.edit.createTitle')}
          </Link>
          <Link className="btn btn-secondary" to="/organizations/new">
            {t('organizations.edit.createTitle')}
          </Link>
          <Link className="btn btn-secondary" to="/target-groups">
            {t('targetGroups.title')}
          </Link>
        </p>
      )}
      <form
        role="search"
        aria-label={t('catalogue.filters')}
        className="filters catalogue-filters"
        // The text filter applies on submit (Enter or the button); the selects at once.
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: String(new FormData(e.currentTarget).get('q') ?? '') });
        }}
      >
        <Field label={t('services.kind')}>
          <ServiceKindSelect empty={t('catalogue.allKinds')} value={filters.kind} onChange={(kind) => set({ kind })} />
        </Field>
        <Field label={t('services.targetGroup')}>
          <select value={filters.group} onChange={(e) => set({ group: e.target.value })}>
            <option value="">{t('catalogue.allGroups')}</option>
            {groups.map((g) => (
              <option key={g.code} value={g.code}>
                {g.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('services.form')}>
          <select value={filters.form} onChange={(e) => set({ form: e.target.value as CatalogueFilters['form'] })}>
            <option value="">{t('catalogue.allForms')}</option>
            {SERVICE_FORMS.map((f) => (
              <option key={f} value={f}>
                {t(`serviceForm.${f}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('services.territory')}>
          <TerritorySelect empty={t('catalogue.allTerritories')} value={filters.territory} onChange={(territory) => set({ territory })} />
        </Field>
        <div className="catalogue-search">
          <Field label={t('catalogue.search')} hint={t('catalogue.searchHint')}>
            {/* Keyed by the address's text, so going back in history shows what is searched. */}
            <input key={filters.q} type="search" name="q" defaultValue={filters.q} />
          </Field>
          <button type="submit" className="btn btn-primary">
            {t('catalogue.searchButton')}
          </button>
        </div>
      </form>
      {hasFilters(filters) && (
        <p>
          <Link to="/services">{t('catalogue.clearFilters')}</Link>
        </p>
      )}
      <QueryView query={results}>
        {(data) => {
          const services = data.pages.flatMap((page) => page.items);
          return (
            <>
              <p role="status" className="meta">
                {results.hasNextPage ? t('catalogue.shownMore', { count: services.length }) : t('catalogue.shown', { count: services.length })}
              </p>
              {services.length === 0 ? (
                <p>{t('catalogue.none')}</p>
              ) : (
                <ul className="card-list service-cards">
                  {services.map((s) => (
                    <li key={s.id}>
                      <ServiceCard service={s} />
                    </li>
                  ))}
                </ul>
              )}
              <MoreButton query={results} label={t('catalogue.more')} />
            </>
          );
        }}
      </QueryView>
    </>
  );
}
