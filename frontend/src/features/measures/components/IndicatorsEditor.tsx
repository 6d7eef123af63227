//! Editable list of a measure's indicators (name, unit, baseline, target, values by year).
//! Once the plan is approved (`locked`) only the values by year may change.
import { Field } from '../../../components/Field';
import { RemoveRowButton, RowsEditor } from '../../../components/RowsEditor';
import { useT } from '../../../i18n';
import { focusLater, rowKey } from '../../../lib/rows';
import type { IndicatorRow, ValueRow } from '../api/rows';

interface Props {
  rows: IndicatorRow[];
  onChange: (rows: IndicatorRow[]) => void;
  errors: Record<string, string[]>;
  locked: boolean;
}

const newIndicator = (): IndicatorRow => ({ key: rowKey(), name: '', unit: '', baseline: '', target: '', values: [] });

export function IndicatorsEditor({ rows, onChange, errors, locked }: Props) {
  const t = useT();
  return (
    <div className="editor">
      <RowsEditor
        rows={rows}
        onChange={onChange}
        legend={(n) => t('measure.form.indicatorN', { n })}
        empty={t('measure.noIndicators')}
        error={errors.indicators}
        add={{ id: 'add-indicator', label: t('measure.form.addIndicator'), row: newIndicator, focus: (r) => `ind-${r.key}` }}
        removeLabel={t('measure.form.removeIndicator')}
        locked={locked}
      >
        {(r, i, setRow) => {
          const n = i + 1;
          const at = (f: string) => errors[`indicators[${i}].${f}`];
          return (
            <>
              <div className="field-row">
                <Field label={t('measure.indicator')} errors={at('name')} required requiredText={t('common.required')}>
                  <input type="text" data-focus={`ind-${r.key}`} disabled={locked} value={r.name} onChange={(e) => setRow({ name: e.target.value })} />
                </Field>
                <Field label={t('measure.unit')} hint={t('measure.form.unitHint')} errors={at('unit')} required requiredText={t('common.required')}>
                  <input type="text" disabled={locked} value={r.unit} onChange={(e) => setRow({ unit: e.target.value })} />
                </Field>
              </div>
              <div className="field-row">
                <Field label={t('measure.baseline')} errors={at('baseline')}>
                  <input type="text" inputMode="decimal" disabled={locked} value={r.baseline} onChange={(e) => setRow({ baseline: e.target.value })} />
                </Field>
                <Field label={t('measure.target')} errors={at('target')}>
                  <input type="text" inputMode="decimal" disabled={locked} value={r.target} onChange={(e) => setRow({ target: e.target.value })} />
                </Field>
              </div>
              <fieldset className="row-fieldset nested" aria-describedby={at('values') ? `ind-${r.key}-values-error` : undefined}>
                <legend>{t('measure.form.valuesOf', { n })}</legend>
                {at('values') && (
                  <p className="field-error" id={`ind-${r.key}-values-error`}>
                    {at('values')!.join(' ')}
                  </p>
                )}
                {r.values.length === 0 && <p className="muted">{t('measure.form.noValues')}</p>}
                {r.values.map((v, j) => {
                  const vat = (f: string) => errors[`indicators[${i}].values[${j}].${f}`];
                  const setValue = (patch: Partial<ValueRow>) => setRow({ values: r.values.map((x) => (x.key === v.key ? { ...x, ...patch } : x)) });
                  return (
                    <div className="field-row value-row" key={v.key}>
                      <Field label={t('measure.year')} errors={vat('year')}>
                        <input type="number" inputMode="numeric" data-focus={`val-${v.key}`} min={2000} max={2100} value={v.year} onChange={(e) => setValue({ year: e.target.value })} />
                      </Field>
                      <Field label={t('measure.form.value')} errors={vat('value')}>
                        <input type="text" inputMode="decimal" value={v.value} onChange={(e) => setValue({ value: e.target.value })} />
                      </Field>
                      <div className="row-remove">
                        <RemoveRowButton
                          label={t('meeting.record.remove')}
                          row={t('measure.form.valueYear', { year: v.year || '?' })}
                          onRemove={() => {
                            setRow({ values: r.values.filter((x) => x.key !== v.key) });
                            focusLater(`#add-val-${r.key}`);
                          }}
                        />
                      </div>
                    </div>
                  );
                })}
                <button
                  type="button"
                  id={`add-val-${r.key}`}
                  className="btn btn-secondary btn-small"
                  onClick={() => {
                    const last = r.values[r.values.length - 1];
                    const row = { key: rowKey(), year: last ? String(Number(last.year) + 1) : String(new Date().getFullYear()), value: '' };
                    setRow({ values: [...r.values, row] });
                    focusLater(`[data-focus="val-${row.key}"]`);
                  }}
                >
                  {t('measure.form.addValue')}
                  <span className="visually-hidden"> – {t('measure.form.indicatorN', { n })}</span>
                </button>
              </fieldset>
            </>
          );
        }}
      </RowsEditor>
    </div>
  );
}
