//! The network overview of a territory as a table: per territory served and kind of service, how
//! many services are provided today and their capacity per unit, then the totals per kind over the
//! whole territory (each service once), with a CSV download of the same.
import { useQuery } from '@tanstack/react-query';
import { QueryView } from '../../../components/QueryState';
import { TableWrap } from '../../../components/TableWrap';
import { useI18n } from '../../../i18n';
import { countOf, networkOverviewQuery, overviewCsvHref, unitsOf, type CapacityUnit, type UnitTotal } from '../api/overview';
import { kindLabel, serviceKindsQuery } from '../api/services';

export function NetworkOverview({ territoryId }: { territoryId: string }) {
  const { t, formatNumber, formatDate } = useI18n();
  const overview = useQuery(networkOverviewQuery(territoryId));
  const kinds = useQuery(serviceKindsQuery()).data ?? [];
  const kind = (code: string | null | undefined) => kindLabel(kinds, code) ?? t('services.relatedActivity');
  const counts = (units: CapacityUnit[], capacities: UnitTotal[]) =>
    units.map((unit) => (
      <td key={unit} className="number">
        {formatNumber(countOf(capacities, unit))}
      </td>
    ));
  return (
    <QueryView query={overview}>
      {(found) => {
        if (found.totals.length === 0) return <p>{t('overview.empty')}</p>;
        const units = unitsOf(found);
        const caption = t('overview.caption', { date: formatDate(found.provided_on) });
        return (
          <>
            <TableWrap label={caption}>
              <table className="overview">
                <caption>{caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('overview.territory')}</th>
                    <th scope="col">{t('overview.kind')}</th>
                    <th scope="col">{t('overview.services')}</th>
                    {units.map((unit) => (
                      <th scope="col" key={unit}>
                        {t(`overview.unit.${unit}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {found.rows.map((row) => (
                    <tr key={`${row.territory_id}/${row.kind_code ?? ''}`}>
                      <th scope="row">{row.territory_name}</th>
                      <td>{kind(row.kind_code)}</td>
                      <td className="number">{formatNumber(row.services)}</td>
                      {counts(units, row.capacities)}
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  {found.totals.map((total) => (
                    <tr key={total.kind_code ?? ''}>
                      <th scope="row">{t('overview.total')}</th>
                      <td>{kind(total.kind_code)}</td>
                      <td className="number">{formatNumber(total.services)}</td>
                      {counts(units, total.capacities)}
                    </tr>
                  ))}
                </tfoot>
              </table>
            </TableWrap>
            <p>
              <a href={overviewCsvHref(territoryId)} download>
                {t('overview.csv')}
              </a>
            </p>
          </>
        );
      }}
    </QueryView>
  );
}
