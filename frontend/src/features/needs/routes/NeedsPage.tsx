//! "Potřeby": every need reported, filtered by territory (with the places below it), target group
//! and status as the address bar keeps them, and the way to report one.
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useSearchParams } from 'react-router';
import { Field } from '../../../components/Field';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { targetGroupsQuery } from '../../../lib/api/targetGroups';
import { TerritorySelect } from '../../territories/components/TerritorySelect';
import { NEED_STATUSES, needsQuery, type NeedFilters, type NeedStatus } from '../api/needs';
import { NeedList } from '../components/NeedList';

export function NeedsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const filters: NeedFilters = {
    territory_id: params.get('territory_id') ?? '',
    target_group_code: params.get('target_group_code') ?? '',
    status: (params.get('status') as NeedStatus | null) ?? '',
  };
  const query = useQuery(needsQuery(filters));
  const groups = useQuery(targetGroupsQuery()).data ?? [];
  // A need's page comes back here after a delete, naming what it deleted.
  const deleted = (useLocation().state as { deleted?: string } | null)?.deleted;
  const filter = (key: keyof NeedFilters, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageTitle title={t('needs.title')}>{t('needs.title')}</PageTitle>
      <div role="status">{deleted && <p className="notice notice-success">{t('needs.deleted', { title: deleted })}</p>}</div>
      <p className="lead">{t('needs.intro')}</p>
      <p>
        <Link className="btn btn-primary" to={`/needs/new${filters.territory_id ? `?territory_id=${filters.territory_id}` : ''}`}>
          {t('needs.report')}
        </Link>
      </p>
      <div className="filter-bar filters" role="search" aria-label={t('needs.filters')}>
        <Field label={t('needs.fields.territory')}>
          <TerritorySelect empty={t('home.allTerritories')} value={filters.territory_id} onChange={(id) => filter('territory_id', id)} />
        </Field>
        <Field label={t('needs.fields.targetGroup')}>
          <select value={filters.target_group_code} onChange={(e) => filter('target_group_code', e.target.value)}>
            <option value="">{t('needs.allTargetGroups')}</option>
            {groups.map((g) => (
              <option key={g.code} value={g.code}>
                {g.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('needs.fields.status')}>
          <select value={filters.status} onChange={(e) => filter('status', e.target.value)}>
            <option value="">{t('needs.allStatuses')}</option>
            {NEED_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`needStatus.${s}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <QueryView query={query}>
        {(needs) => (
          <>
            <p role="status">{t('needs.shown', { count: needs.length })}</p>
            <NeedList needs={needs} empty={t('needs.none')} />
          </>
        )}
      </QueryView>
    </>
  );
}
