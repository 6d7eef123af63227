//! Editable list of a measure's funding by year and source (CZK as decimal strings).
//! Once the plan is approved (`locked`) only the actual amounts may change.
import { Field } from '../../../components/Field';
import { useT } from '../../../i18n';
import { FUNDING_SOURCES, type FundingSource } from '../api/measures';
import { rowKey, type FundingRow } from '../api/rows';
import { focusLater, RemoveRowButton } from './RemoveRowButton';

interface Props {
  rows: FundingRow[];
  onChange: (rows: FundingRow[]) => void;
  errors: Record<string, string[]>;
  locked: boolean;
}

export function FundingEditor({ rows, onChange, errors, locked }: Props) {
  const t = useT();
  const setRow = (key: number, patch: Partial<FundingRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <div className="editor">
      {errors.funding_sources && rows.length === 0 && <p className="field-error">{errors.funding_sources.join(' ')}</p>}
      {rows.length === 0 && <p className="muted">{t('measure.noFunding')}</p>}
      <ol className="edit-rows">
        {rows.map((r, i) => {
          const n = i + 1;
          const at = (f: string) => errors[`funding_sources[${i}].${f}`];
          return (
            <li key={r.key}>
              <fieldset className="row-fieldset">
                <legend>{t('measure.form.fundingN', { n })}</legend>
                <div className="field-row">
                  <Field label={t('measure.year')} errors={at('year')} required requiredText={t('common.required')}>
                    <input type="number" inputMode="numeric" data-focus={`fund-${r.key}`} disabled={locked} min={2000} max={2100} value={r.year} onChange={(e) => setRow(r.key, { year: e.target.value })} />
                  </Field>
                  <Field label={t('measure.source')} errors={at('source')}>
                    <select disabled={locked} value={r.source} onChange={(e) => setRow(r.key, { source: e.target.value as FundingSource })}>
                      {FUNDING_SOURCES.map((s) => (
                        <option key={s} value={s}>
                          {t(`fundingSource.${s}`)}
                        </option>
                      ))}
                    </select>
                  </Field>
                </div>
                <div className="field-row">
                  <Field label={t('measure.form.plannedCzk')} hint={t('measure.fields.estimatedCostHint')} errors={at('planned')} required requiredText={t('common.required')}>
                    <input type="text" inputMode="decimal" disabled={locked} value={r.planned} onChange={(e) => setRow(r.key, { planned: e.target.value })} />
                  </Field>
                  <Field label={t('measure.form.actualCzk')} hint={t('measure.form.actualHint')} errors={at('actual')}>
                    <input type="text" inputMode="decimal" value={r.actual} onChange={(e) => setRow(r.key, { actual: e.target.value })} />
                  </Field>
                </div>
                {!locked && (
                  <RemoveRowButton
                    label={t('measure.form.removeFunding')}
                    row={t('measure.form.fundingN', { n })}
                    onRemove={() => {
                      onChange(rows.filter((x) => x.key !== r.key));
                      focusLater('#add-funding');
                    }}
                  />
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {!locked && (
        <button
          type="button"
          id="add-funding"
          className="btn btn-secondary btn-small"
          onClick={() => {
            const last = rows[rows.length - 1];
            const row: FundingRow = {
              key: rowKey(),
              year: last ? String(Number(last.year) + 1) : String(new Date().getFullYear()),
              source: last?.source ?? 'municipality',
              planned: '',
              actual: '',
            };
            onChange([...rows, row]);
            focusLater(`[data-focus="fund-${row.key}"]`);
          }}
        >
          {t('measure.form.addFunding')}
        </button>
      )}
    </div>
  );
}
