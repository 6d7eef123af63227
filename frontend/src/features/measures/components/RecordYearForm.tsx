//! "Zaznamenat rok": a year's indicator values and actual spending in one short form, saved with
//! the measure's PATCH (indicators and funding rows whole, as the API takes them) under its version.
import { useState } from 'react';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { useI18n } from '../../../i18n';
import { useSubmit } from '../../../lib/useSubmit';
import { type Plan } from '../../plans/api/plans';
import { normalizeMoney, parseNumber, useSaveMeasure, type Funding, type Indicator, type Measure } from '../api/measures';

const FIELDS = ['indicators', 'funding_sources'] as const;

/** The year to start from: this one, kept inside the plan's period. */
function defaultYear(plan: Plan): number {
  return Math.min(Math.max(new Date().getFullYear(), plan.period_start), plan.period_end);
}

/** The form's texts for a year: each indicator's value and each of that year's funding rows' actual. */
function textsOf(measure: Measure, year: number, formatNumber: (v: number) => string) {
  return {
    values: measure.indicators.map((i) => {
      const v = (i.values ?? []).find((x) => x.year === year);
      return v ? formatNumber(v.value) : '';
    }),
    actuals: measure.funding_sources.map((f) => (f.year === year ? (f.actual ?? '').replace('.', ',') : '')),
  };
}

/** The measure's indicators with `year`'s value set from `texts` (an empty text removes it). */
export function withYearValues(indicators: Indicator[], year: number, texts: string[]): Indicator[] {
  return indicators.map((ind, i) => {
    const others = (ind.values ?? []).filter((v) => v.year !== year);
    const value = parseNumber(texts[i] ?? '');
    const values = value === null ? others : [...others, { year, value }].sort((a, b) => a.year - b.year);
    return { ...ind, values };
  });
}

/** The measure's funding rows with `year`'s actual amounts set from `texts` (empty: not known yet). */
export function withYearActuals(funding: Funding[], year: number, texts: string[]): Funding[] {
  return funding.map((f, i) => (f.year === year ? { ...f, actual: texts[i]?.trim() ? normalizeMoney(texts[i]) : null } : f));
}

export function RecordYearForm({ measure, plan }: { measure: Measure; plan: Plan }) {
  const { t, formatMoney, formatNumber } = useI18n();
  const [year, setYear] = useState(() => defaultYear(plan));
  const [texts, setTexts] = useState(() => textsOf(measure, year, formatNumber));
  const [done, setDone] = useState(false);
  const submit = useSubmit();
  const save = useSaveMeasure();
  const years: number[] = [];
  for (let y = plan.period_start; y <= plan.period_end; y++) years.push(y);
  const rows = measure.funding_sources.map((f, i) => ({ f, i })).filter(({ f }) => f.year === year);
  const nothing = measure.indicators.length === 0 && rows.length === 0;
  // Nothing to record in any year: the measure has neither indicators nor funding.
  if (measure.indicators.length === 0 && measure.funding_sources.length === 0) return null;

  return (
    <section aria-labelledby="record-year" className="panel">
      <h2 id="record-year">{t('measure.recordYear.title')}</h2>
      <p className="muted">{t('measure.recordYear.intro')}</p>
      <div role="status">{done && <p className="notice notice-success">{t('measure.recordYear.saved', { year: String(year) })}</p>}</div>
      <FormErrors error={submit.error} fields={FIELDS} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setDone(false);
          void submit.run(async () => {
            const body = {
              indicators: withYearValues(measure.indicators, year, texts.values),
              funding_sources: withYearActuals(measure.funding_sources, year, texts.actuals),
            };
            await save.mutateAsync({ measure, body });
            setDone(true);
          });
        }}
      >
        <Field label={t('measure.recordYear.year')}>
          <select
            value={year}
            onChange={(e) => {
              const y = Number(e.target.value);
              setYear(y);
              setTexts(textsOf(measure, y, formatNumber));
              setDone(false);
            }}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </Field>
        {measure.indicators.map((ind, i) => (
          <Field
            key={ind.name}
            label={t('measure.recordYear.value', { name: ind.name, unit: ind.unit })}
            hint={t('measure.recordYear.valueHint', { baseline: formatNumber(ind.baseline) || '–', target: formatNumber(ind.target) || '–' })}
            errors={submit.errors[`indicators[${i}].values`]}
          >
            <input
              type="text"
              inputMode="decimal"
              value={texts.values[i] ?? ''}
              onChange={(e) => setTexts({ ...texts, values: texts.values.map((v, j) => (j === i ? e.target.value : v)) })}
            />
          </Field>
        ))}
        {rows.map(({ f, i }) => (
          <Field
            key={`${f.source}-${i}`}
            label={t('measure.recordYear.actual', { source: t(`fundingSource.${f.source}`) })}
            hint={t('measure.recordYear.actualHint', { planned: formatMoney(f.planned) })}
            errors={submit.errors[`funding_sources[${i}].actual`]}
          >
            <input
              type="text"
              inputMode="decimal"
              value={texts.actuals[i] ?? ''}
              onChange={(e) => setTexts({ ...texts, actuals: texts.actuals.map((v, j) => (j === i ? e.target.value : v)) })}
            />
          </Field>
        ))}
        {rows.length === 0 && <p>{t('measure.recordYear.noFunding', { year: String(year) })}</p>}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={submit.busy || nothing}>
            {t('measure.recordYear.submit', { year: String(year) })}
          </button>
        </div>
      </form>
    </section>
  );
}
