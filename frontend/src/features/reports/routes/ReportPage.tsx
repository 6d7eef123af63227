//! The monitoring report (monitorovací zpráva) of a year: the plan's totals, money by year and
//! source in charts, and each goal's measures with their indicators, money and updates.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FileLink } from '../../../components/FileLink';
import { PageTitle } from '../../../components/PageTitle';
import { ProgressBar } from '../../../components/ProgressBar';
import { ErrorMessage, QueryView } from '../../../components/QueryState';
import { StatusTag } from '../../../components/StatusTag';
import { TableWrap } from '../../../components/TableWrap';
import { useI18n } from '../../../i18n';
import { type Schemas } from '../../../lib/api/client';
import { useSession } from '../../../lib/auth/useSession';
import { fileSlug } from '../../../lib/download';
import { FUNDING_SOURCES } from '../../measures/api/measures';
import { exportReport, planReportQuery, reportHref, type ReportFormat } from '../../plans/api/plans';
import { BarChart, IndicatorChart } from '../components/Charts';

type Report = Schemas['MonitoringReport'];
type Totals = Schemas['Totals'];
type SourceMoney = Schemas['SourceMoney'];

function Downloads({ report }: { report: Report }) {
  const { t } = useI18n();
  const { user } = useSession();
  const [error, setError] = useState<unknown>(null);
  const name = `monitorovaci-zprava-${report.year}-${fileSlug(report.title)}`;
  const link = (format: ReportFormat, label: string) => (
    <li>
      <FileLink
        href={reportHref(report.plan_id, report.year, format)}
        delivery={format === 'html' ? 'tab' : { save: `${name}.${format}` }}
        fetchFile={user ? () => exportReport(report.plan_id, report.year, format) : undefined}
        onError={setError}
      >
        {label}
      </FileLink>
    </li>
  );
  return (
    <section aria-labelledby="report-downloads">
      <h2 id="report-downloads">{t('report.downloads')}</h2>
      <ul className="plain-list">
        {link('html', t('report.print'))}
        {link('docx', t('report.docx'))}
        {link('md', t('report.markdown'))}
        {link('csv', t('report.csv'))}
      </ul>
      {error !== null && <ErrorMessage error={error} />}
    </section>
  );
}

function MoneyTable({ caption, funding, total }: { caption: string; funding: SourceMoney[]; total?: Schemas['Money'] }) {
  const { t, formatMoney } = useI18n();
  return (
    <TableWrap label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('measure.source')}</th>
            <th scope="col">{t('measure.planned')}</th>
            <th scope="col">{t('measure.actual')}</th>
          </tr>
        </thead>
        <tbody>
          {funding.map((f) => (
            <tr key={f.source}>
              <th scope="row">{t(`fundingSource.${f.source}`)}</th>
              <td>{formatMoney(f.planned)}</td>
              <td>{f.actual ? formatMoney(f.actual) : '–'}</td>
            </tr>
          ))}
          {total && (
            <tr>
              <th scope="row">{t('report.total')}</th>
              <td>{formatMoney(total.planned)}</td>
              <td>{formatMoney(total.actual)}</td>
            </tr>
          )}
        </tbody>
      </table>
    </TableWrap>
  );
}

function TotalsView({ totals, label, year }: { totals: Totals; label: string; year: number }) {
  const { t, formatMoney } = useI18n();
  return (
    <>
      <dl className="facts">
        <dt>{t('report.measures')}</dt>
        <dd>
          {totals.measures}
          {totals.by_status
            .filter((s) => s.count > 0)
            .map((s) => ` · ${t(`measureStatus.${s.status}`)}: ${s.count}`)
            .join('')}
        </dd>
        <dt>{t('report.meanProgress')}</dt>
        <dd>{totals.progress === null || totals.progress === undefined ? '–' : t('common.percent', { value: totals.progress })}</dd>
        <dt>{t('report.plannedIn', { year: String(year) })}</dt>
        <dd>{formatMoney(totals.money.planned)}</dd>
        <dt>{t('report.spentIn', { year: String(year) })}</dt>
        <dd>{formatMoney(totals.money.actual)}</dd>
      </dl>
      {totals.funding.length > 0 && (
        <MoneyTable caption={t('report.fundingOf', { what: label, year: String(year) })} funding={totals.funding} total={totals.money} />
      )}
    </>
  );
}

function MeasureView({ m, year }: { m: Schemas['ReportMeasure']; year: number }) {
  const { t, formatDate, formatNumber } = useI18n();
  const headingId = `report-measure-${m.id}`;
  return (
    <section aria-labelledby={headingId} className="report-measure">
      <h4 id={headingId}>
        <Link to={`/measures/${m.id}`}>
          <span className="code">{m.code}</span> {m.title}
        </Link>
      </h4>
      <p className="meta">
        <StatusTag kind="measure" value={m.status} /> {m.responsible}
      </p>
      <ProgressBar value={m.progress} label={t('measure.progressOf', { code: m.code })} />
      {m.indicators.length > 0 && (
        <>
          <TableWrap label={t('report.indicatorsOf', { code: m.code, year: String(year) })}>
            <table>
              <caption>{t('report.indicatorsOf', { code: m.code, year: String(year) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('measure.indicator')}</th>
                  <th scope="col">{t('measure.baseline')}</th>
                  <th scope="col">{t('report.valueOf', { year: String(year) })}</th>
                  <th scope="col">{t('measure.target')}</th>
                </tr>
              </thead>
              <tbody>
                {m.indicators.map((i) => (
                  <tr key={i.name}>
                    <th scope="row">
                      {i.name} ({i.unit})
                    </th>
                    <td>{formatNumber(i.baseline) || '–'}</td>
                    <td>{formatNumber(i.value) || '–'}</td>
                    <td>{formatNumber(i.target) || '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {m.indicators.map((i) => (
            <IndicatorChart key={i.name} title={i.name} unit={i.unit} baseline={i.baseline} target={i.target} values={i.values} />
          ))}
        </>
      )}
      {m.funding.length > 0 && <MoneyTable caption={t('report.measureFunding', { code: m.code, year: String(year) })} funding={m.funding} />}
      {m.updates.length > 0 ? (
        <ol className="timeline" aria-label={t('report.updatesOf', { code: m.code, year: String(year) })}>
          {m.updates.map((u) => (
            <li key={`${u.date}-${u.note}`}>
              <time dateTime={u.date}>{formatDate(u.date)}</time>: <StatusTag kind="measure" value={u.status} />{' '}
              {t('common.percent', { value: u.progress })}
              {u.note ? ` – ${u.note}` : ''} ({u.author_name})
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t('report.noUpdates', { year: String(year) })}</p>
      )}
    </section>
  );
}

/** Planned against actual by year, and the planned cost by year and source, from the plan's whole funding. */
function CostCharts({ report }: { report: Report }) {
  const { t, formatMoney } = useI18n();
  const years = [...new Set(report.cost_by_year.map((c) => c.year))].sort((a, b) => a - b);
  if (years.length === 0) return <p>{t('report.noFunding')}</p>;
  const sum = (year: number, pick: (c: Schemas['YearSourceMoney']) => string | null | undefined) =>
    report.cost_by_year.filter((c) => c.year === year).reduce((acc, c) => acc + Number(pick(c) ?? 0), 0);
  const sources = FUNDING_SOURCES.filter((s) => report.cost_by_year.some((c) => c.source === s));
  const money = (v: number) => formatMoney(v.toFixed(2));
  return (
    <>
      <BarChart
        title={t('report.plannedActualChart')}
        categories={years.map(String)}
        series={[
          { name: t('measure.planned'), values: years.map((y) => sum(y, (c) => c.planned)) },
          { name: t('measure.actual'), values: years.map((y) => sum(y, (c) => c.actual)) },
        ]}
        format={money}
      />
      <BarChart
        title={t('report.costChart')}
        categories={years.map(String)}
        series={sources.map((s) => ({
          name: t(`fundingSource.${s}`),
          values: years.map((y) => sum(y, (c) => (c.source === s ? c.planned : '0'))),
        }))}
        format={money}
      />
    </>
  );
}

export function ReportPage() {
  const { planId = '', year: yearParam = '' } = useParams();
  const year = Number(yearParam);
  const { t } = useI18n();
  const query = useQuery(planReportQuery(planId, year));
  return (
    <QueryView query={query} page>
      {(report) => {
        const years = [];
        for (let y = report.period_start; y <= report.period_end; y++) years.push(y);
        return (
          <article className="report">
            <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
              <Link to="/">{t('nav.plans')}</Link> › <Link to={`/plans/${report.plan_id}`}>{report.title}</Link>
            </nav>
            <PageTitle title={t('report.title', { year: String(report.year) })}>{t('report.title', { year: String(report.year) })}</PageTitle>
            <p className="meta">
              {report.title} · {report.territory} ·{' '}
              {t('plan.period', { start: String(report.period_start), end: String(report.period_end) })}
            </p>
            <nav aria-label={t('report.otherYears')}>
              <ul className="inline-list">
                {years.map((y) => (
                  <li key={y}>
                    {y === report.year ? (
                      <span aria-current="page">{y}</span>
                    ) : (
                      <Link to={`/plans/${report.plan_id}/reports/${y}`}>{t('report.yearLink', { year: String(y) })}</Link>
                    )}
                  </li>
                ))}
              </ul>
            </nav>
            <section aria-labelledby="report-summary">
              <h2 id="report-summary">{t('report.summary')}</h2>
              <ProgressBar value={report.totals.progress} label={t('report.meanProgress')} />
              <TotalsView totals={report.totals} label={t('report.ofPlan')} year={report.year} />
            </section>
            <section aria-labelledby="report-cost">
              <h2 id="report-cost">{t('report.cost')}</h2>
              <CostCharts report={report} />
            </section>
            <section aria-labelledby="report-goals">
              <h2 id="report-goals">{t('report.goals')}</h2>
              {report.goals.map((g) => (
                <section key={g.id} aria-labelledby={`report-goal-${g.id}`}>
                  <h3 id={`report-goal-${g.id}`}>
                    <span className="code">{g.code}</span> {g.title}
                  </h3>
                  <TotalsView totals={g.totals} label={t('report.ofGoal', { code: g.code })} year={report.year} />
                  {g.measures.map((m) => (
                    <MeasureView key={m.id} m={m} year={report.year} />
                  ))}
                </section>
              ))}
            </section>
            <Downloads report={report} />
          </article>
        );
      }}
    </QueryView>
  );
}
