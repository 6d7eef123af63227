//! Small charts drawn as inline SVG by our own code (no chart library): an indicator's course and
//! grouped bars of money. Each is an image named by its title, with its data table beside it, so
//! the figures are there for screen readers and for copying.
import { useId } from 'react';
import { TableWrap } from '../../../components/TableWrap';
import { useI18n } from '../../../i18n';

const W = 480;
const H = 240;
const M = { top: 16, right: 16, bottom: 44, left: 64 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;
/** Dark enough against white for the marks' 3:1 non-text contrast. */
export const SERIES_COLORS = ['#1d4f91', '#b34700', '#2e7d32', '#6a1b9a', '#7a6200'];
const INK = '#1a1a1a';

/** The top of the value axis: a round number at or above every value. */
function axisMax(values: number[]): number {
  const max = Math.max(0, ...values);
  if (max === 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil((max * 1.05) / step) * step;
}

const y = (value: number, max: number) => M.top + PLOT_H - (value / max) * PLOT_H;

function Axis({ max, format }: { max: number; format: (v: number) => string }) {
  return (
    <g>
      {[0, max / 2, max].map((tick) => (
        <g key={tick}>
          <line x1={M.left} x2={W - M.right} y1={y(tick, max)} y2={y(tick, max)} stroke="#c8c8c8" />
          <text x={M.left - 6} y={y(tick, max) + 4} textAnchor="end" fontSize="12" fill={INK}>
            {format(tick)}
          </text>
        </g>
      ))}
      <line x1={M.left} x2={M.left} y1={M.top} y2={M.top + PLOT_H} stroke={INK} />
    </g>
  );
}

function Figure({ title, chart, table }: { title: string; chart: React.ReactNode; table: React.ReactNode }) {
  return (
    <figure className="chart-figure">
      <figcaption>{title}</figcaption>
      <div className="chart-figure-body">
        <div className="chart">{chart}</div>
        <TableWrap label={title}>{table}</TableWrap>
      </div>
    </figure>
  );
}

/** An indicator's course: its baseline, its yearly values, and its target drawn as a dashed line. */
export function IndicatorChart({
  title,
  unit,
  baseline,
  target,
  values,
}: {
  title: string;
  unit: string;
  baseline: number | null | undefined;
  target: number | null | undefined;
  values: { year: number; value: number }[];
}) {
  const { t, formatNumber } = useI18n();
  const titleId = useId();
  const points = [
    ...(baseline !== null && baseline !== undefined ? [{ label: t('report.baseline'), value: baseline }] : []),
    ...values.map((v) => ({ label: String(v.year), value: v.value })),
  ];
  const max = axisMax([...points.map((p) => p.value), target ?? 0]);
  const step = PLOT_W / Math.max(points.length, 1);
  const x = (i: number) => M.left + step * (i + 0.5);
  const line = points.map((p, i) => `${x(i)},${y(p.value, max)}`).join(' ');
  const summary = t('report.indicatorChartLabel', {
    name: title,
    values: points.map((p) => `${p.label}: ${formatNumber(p.value)}`).join('; ') || t('report.noValues'),
    target: target !== null && target !== undefined ? formatNumber(target) : '–',
    unit,
  });
  return (
    <Figure
      title={title}
      chart={
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId}>
          <title id={titleId}>{summary}</title>
          <Axis max={max} format={formatNumber} />
          {target !== null && target !== undefined && (
            <g>
              <line x1={M.left} x2={W - M.right} y1={y(target, max)} y2={y(target, max)} stroke="#b34700" strokeWidth="2" strokeDasharray="6 4" />
              <text x={W - M.right} y={y(target, max) - 6} textAnchor="end" fontSize="12" fill={INK}>
                {t('report.targetLine', { value: formatNumber(target) })}
              </text>
            </g>
          )}
          <polyline points={line} fill="none" stroke={SERIES_COLORS[0]} strokeWidth="2" />
          {points.map((p, i) => (
            <g key={p.label}>
              <circle cx={x(i)} cy={y(p.value, max)} r="4" fill={SERIES_COLORS[0]} />
              <text x={x(i)} y={H - M.bottom + 18} textAnchor="middle" fontSize="12" fill={INK}>
                {p.label}
              </text>
            </g>
          ))}
        </svg>
      }
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">{t('report.point')}</th>
              <th scope="col">{t('report.valueIn', { unit })}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.label}>
                <th scope="row">{p.label}</th>
                <td>{formatNumber(p.value)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('report.target')}</th>
              <td>{formatNumber(target) || '–'}</td>
            </tr>
          </tbody>
        </table>
      }
    />
  );
}

export interface Series {
  name: string;
  values: number[];
}

/** Bars grouped by category (years), one bar of each series (planned and actual, or sources). */
export function BarChart({
  title,
  categories,
  series,
  format,
}: {
  title: string;
  categories: string[];
  series: Series[];
  format: (value: number) => string;
}) {
  const { t, lang } = useI18n();
  const titleId = useId();
  const compact = new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format;
  const max = axisMax(series.flatMap((s) => s.values));
  const group = PLOT_W / Math.max(categories.length, 1);
  const bar = (group * 0.8) / Math.max(series.length, 1);
  const summary = t('report.barChartLabel', {
    title,
    values: categories.map((c, i) => `${c}: ${series.map((s) => `${s.name} ${format(s.values[i] ?? 0)}`).join(', ')}`).join('; '),
  });
  return (
    <Figure
      title={title}
      chart={
        <svg viewBox={`0 0 ${W} ${H + 24}`} role="img" aria-labelledby={titleId}>
          <title id={titleId}>{summary}</title>
          <Axis max={max} format={compact} />
          {categories.map((c, ci) => (
            <g key={c}>
              {series.map((s, si) => {
                const v = s.values[ci] ?? 0;
                const top = y(v, max);
                return (
                  <rect
                    key={s.name}
                    x={M.left + group * ci + group * 0.1 + bar * si}
                    y={top}
                    width={Math.max(bar - 2, 1)}
                    height={M.top + PLOT_H - top}
                    fill={SERIES_COLORS[si % SERIES_COLORS.length]}
                  />
                );
              })}
              <text x={M.left + group * (ci + 0.5)} y={H - M.bottom + 18} textAnchor="middle" fontSize="12" fill={INK}>
                {c}
              </text>
            </g>
          ))}
          {series.map((s, si) => (
            <g key={s.name} transform={`translate(${M.left + si * 90}, ${H - 4})`}>
              <rect width="12" height="12" y="-10" fill={SERIES_COLORS[si % SERIES_COLORS.length]} />
              <text x="16" fontSize="12" fill={INK}>
                {s.name}
              </text>
            </g>
          ))}
        </svg>
      }
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">{t('report.year')}</th>
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((c, ci) => (
              <tr key={c}>
                <th scope="row">{c}</th>
                {series.map((s) => (
                  <td key={s.name}>{format(s.values[ci] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
