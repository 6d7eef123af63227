//! "Otevřená data": every public dataset with what it holds, its data dictionary and its CSV and
//! JSON downloads, and how to register the catalogue in the national catalogue (NKOD).
import { useQuery } from '@tanstack/react-query';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView } from '../../../components/QueryState';
import { TableWrap } from '../../../components/TableWrap';
import { useT } from '../../../i18n';
import { downloadPath, openDataQuery, type Dataset } from '../api/openData';

export function OpenDataPage() {
  const t = useT();
  const datasets = useQuery(openDataQuery());
  return (
    <>
      <PageTitle title={t('openData.title')}>{t('openData.title')}</PageTitle>
      <p className="lead">{t('openData.intro')}</p>
      <QueryView query={datasets}>
        {(list) => (
          <>
            {list[0] && (
              <p>
                {t('openData.license')}{' '}
                <a className="link-is-address" href={list[0].license}>
                  {list[0].license}
                </a>
              </p>
            )}
            <p>
              {t('openData.catalogue')} <code>/api/v1/open-data</code>
            </p>
            <ul className="dataset-list">
              {list.map((d) => (
                <li key={d.id}>
                  <DatasetCard dataset={d} />
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryView>
    </>
  );
}

function DatasetCard({ dataset }: { dataset: Dataset }) {
  const t = useT();
  const headingId = `dataset-${dataset.id}`;
  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 className="h3" id={headingId}>
        {dataset.name}
      </h2>
      <p>{dataset.description}</p>
      <p className="inline-actions">
        <a className="btn btn-secondary" href={downloadPath(dataset, 'csv')} download>
          {t('openData.downloadCsv')}
          <span className="visually-hidden"> – {dataset.name}</span>
        </a>
        <a className="btn btn-secondary" href={downloadPath(dataset, 'json')} download>
          {t('openData.downloadJson')}
          <span className="visually-hidden"> – {dataset.name}</span>
        </a>
      </p>
      <details>
        <summary>
          {t('openData.fields', { count: dataset.fields.length })}
          <span className="visually-hidden"> – {dataset.name}</span>
        </summary>
        <TableWrap label={t('openData.fieldsOf', { name: dataset.name })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('openData.field')}</th>
                <th scope="col">{t('openData.type')}</th>
                <th scope="col">{t('openData.meaning')}</th>
              </tr>
            </thead>
            <tbody>
              {dataset.fields.map((f) => (
                <tr key={f.name}>
                  <td>
                    <code>{f.name}</code>
                  </td>
                  <td>{t(`openData.types.${f.type}`)}</td>
                  <td>{f.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </details>
    </article>
  );
}
