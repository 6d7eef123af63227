//! One question's results: an SVG chart with a data table beside it holding the same figures, so a
//! screen reader (and anyone who prefers numbers) gets everything the chart shows.
import { TableWrap } from '../../../components/TableWrap';
import { useI18n } from '../../../i18n';
import type { QuestionResult } from '../api/surveys';

const BAR_HEIGHT = 22;
const CHART_WIDTH = 320;

/** Horizontal bars, one an option, their length the share of the question's respondents. */
function Bars({ result }: { result: QuestionResult }) {
  const { t } = useI18n();
  const counts = result.counts ?? [];
  const most = Math.max(1, ...counts);
  const height = counts.length * (BAR_HEIGHT * 2);
  return (
    <svg
      className="result-chart"
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      role="img"
      aria-label={t('surveys.results.chartOf', { question: result.text })}
    >
      {counts.map((count, i) => {
        const y = i * BAR_HEIGHT * 2;
        const width = Math.round(((CHART_WIDTH - 60) * count) / most);
        return (
          <g key={i}>
            <text x={0} y={y + 14} className="result-chart-label">
              {result.options[i]}
            </text>
            <rect x={0} y={y + 18} width={Math.max(width, 1)} height={BAR_HEIGHT - 6} className="result-chart-bar" />
            <text x={width + 6} y={y + 32} className="result-chart-value">
              {count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The scale or number line from min to max with the mean and the median marked. */
function Line({ result, min, max }: { result: QuestionResult; min: number; max: number }) {
  const { t, formatNumber } = useI18n();
  const at = (x: number) => 10 + ((CHART_WIDTH - 20) * (x - min)) / Math.max(max - min, 1);
  return (
    <svg className="result-chart" viewBox={`0 0 ${CHART_WIDTH} 70`} role="img" aria-label={t('surveys.results.chartOf', { question: result.text })}>
      <line x1={10} x2={CHART_WIDTH - 10} y1={40} y2={40} className="result-chart-axis" />
      <text x={10} y={62} className="result-chart-value">
        {formatNumber(min)}
      </text>
      <text x={CHART_WIDTH - 10} y={62} textAnchor="end" className="result-chart-value">
        {formatNumber(max)}
      </text>
      {result.mean != null && (
        <g>
          <circle cx={at(result.mean)} cy={40} r={7} className="result-chart-bar" />
          <text x={at(result.mean)} y={22} textAnchor="middle" className="result-chart-label">
            {t('surveys.results.mean')} {formatNumber(result.mean)}
          </text>
        </g>
      )}
      {result.median != null && <rect x={at(result.median) - 2} y={30} width={4} height={20} className="result-chart-median" />}
    </svg>
  );
}

export function ResultChart({ result, min, max }: { result: QuestionResult; min?: number | null; max?: number | null }) {
  const { t, formatNumber } = useI18n();
  const caption = `${result.text} (${t('surveys.results.n', { n: result.n })})`;
  if (result.kind === 'text') {
    return (
      <figure className="result">
        <figcaption>{caption}</figcaption>
        {(result.texts ?? []).length === 0 ? (
          <p>{t('surveys.results.noTexts')}</p>
        ) : (
          <ul className="plain-list">
            {(result.texts ?? []).map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
        )}
      </figure>
    );
  }
  if (result.counts) {
    return (
      <figure className="result">
        <figcaption>{caption}</figcaption>
        <div className="result-body">
          <Bars result={result} />
          <TableWrap label={t('surveys.results.tableOf', { question: result.text })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('surveys.results.option')}</th>
                  <th scope="col">{t('surveys.results.count')}</th>
                  <th scope="col">{t('surveys.results.share')}</th>
                </tr>
              </thead>
              <tbody>
                {result.counts.map((count, i) => (
                  <tr key={i}>
                    <th scope="row">{result.options[i]}</th>
                    <td>{count}</td>
                    <td>{result.n ? t('common.percent', { value: Math.round((100 * count) / result.n) }) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      </figure>
    );
  }
  return (
    <figure className="result">
      <figcaption>{caption}</figcaption>
      <div className="result-body">
        {min != null && max != null && <Line result={result} min={min} max={max} />}
        <TableWrap label={t('surveys.results.tableOf', { question: result.text })}>
          <table>
            <tbody>
              <tr>
                <th scope="row">{t('surveys.results.mean')}</th>
                <td>{result.mean == null ? '–' : formatNumber(result.mean)}</td>
              </tr>
              <tr>
                <th scope="row">{t('surveys.results.median')}</th>
                <td>{result.median == null ? '–' : formatNumber(result.median)}</td>
              </tr>
            </tbody>
          </table>
        </TableWrap>
      </div>
    </figure>
  );
}
