//! Editable list of a measure's funding by year and source (CZK as decimal strings).
//! Once the plan is approved (`locked`) only the actual amounts may change.
import { ChoiceSelect } from '../../../components/ChoiceSelect';
import { Field } from '../../../components/Field';
import { RowsEditor } from '../../../components/RowsEditor';
import { useT } from '../../../i18n';
import { rowKey } from '../../../lib/rows';
import { FUNDING_SOURCES } from '../api/measures';
import type { FundingRow } from '../api/rows';

interface Props {
  rows: FundingRow[];
  onChange: (rows: FundingRow[]) => void;
  errors: Record<string, string[]>;
  locked: boolean;
}

/** The next row follows the last one: the year after, the same source. */
function nextRow(rows: FundingRow[]): FundingRow {
  const last = rows[rows.length - 1];
  return {
    key: rowKey(),
    year: last ? String(Number(last.year) + 1) : String(new Date().getFullYear()),
    source: last?.source ?? 'municipality',
    planned: '',
    actual: '',
  };
}

export function FundingEditor({ rows, onChange, errors, locked }: Props) {
  const t = useT();
  return (
    <div className="editor">
      <RowsEditor
        rows={rows}
        onChange={onChange}
        legend={(n) => t('measure.form.fundingN', { n })}
        empty={t('measure.noFunding')}
        error={errors.funding_sources}
        add={{ id: 'add-funding', label: t('measure.form.addFunding'), row: nextRow, focus: (r) => `fund-${r.key}` }}
        removeLabel={t('measure.form.removeFunding')}
        locked={locked}
      >
        {(r, i, setRow) => {
          const at = (f: string) => errors[`funding_sources[${i}].${f}`];
          return (
            <>
              <div className="field-row">
                <Field label={t('measure.year')} errors={at('year')} required requiredText={t('common.required')}>
                  <input type="number" inputMode="numeric" data-focus={`fund-${r.key}`} disabled={locked} min={2000} max={2100} value={r.year} onChange={(e) => setRow({ year: e.target.value })} />
                </Field>
                <Field label={t('measure.source')} errors={at('source')}>
                  <ChoiceSelect disabled={locked} choices={FUNDING_SOURCES} labels="fundingSource" value={r.source} onChange={(source) => setRow({ source })} />
                </Field>
              </div>
              <div className="field-row">
                <Field label={t('measure.form.plannedCzk')} hint={t('measure.fields.estimatedCostHint')} errors={at('planned')} required requiredText={t('common.required')}>
                  <input type="text" inputMode="decimal" disabled={locked} value={r.planned} onChange={(e) => setRow({ planned: e.target.value })} />
                </Field>
                <Field label={t('measure.form.actualCzk')} hint={t('measure.form.actualHint')} errors={at('actual')}>
                  <input type="text" inputMode="decimal" value={r.actual} onChange={(e) => setRow({ actual: e.target.value })} />
                </Field>
              </div>
            </>
          );
        }}
      </RowsEditor>
    </div>
  );
}
