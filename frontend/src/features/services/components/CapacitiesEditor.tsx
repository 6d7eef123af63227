//! A service's capacities, one row each: the form it is provided in, how many and of what unit.
import { ChoiceSelect } from '../../../components/ChoiceSelect';
import { Field } from '../../../components/Field';
import { RowsEditor } from '../../../components/RowsEditor';
import { useT } from '../../../i18n';
import { rowKey } from '../../../lib/rows';
import { CAPACITY_UNITS, type CapacityRow } from '../api/serviceForm';
import { SERVICE_FORMS, type ServiceForm } from '../api/services';

interface Props {
  rows: CapacityRow[];
  onChange: (rows: CapacityRow[]) => void;
  /** The service's forms: a capacity is of one of them (the API answers 422 otherwise). */
  forms: ServiceForm[];
  errors: Record<string, string[]>;
}

export function CapacitiesEditor({ rows, onChange, forms, errors }: Props) {
  const t = useT();
  const choices = forms.length ? SERVICE_FORMS.filter((f) => forms.includes(f)) : SERVICE_FORMS;
  return (
    <div className="editor">
      <RowsEditor
        rows={rows}
        onChange={onChange}
        legend={(n) => t('services.edit.capacityN', { n })}
        empty={t('services.edit.noCapacities')}
        add={{
          id: 'add-capacity',
          label: t('services.edit.addCapacity'),
          row: (): CapacityRow => ({ key: rowKey(), form: choices[0]!, count: '', unit: 'clients' }),
          focus: (r) => `capacity-${r.key}`,
        }}
        removeLabel={t('services.edit.removeCapacity')}
      >
        {(r, i, setRow) => {
          const at = (f: string) => errors[`capacities[${i}].${f}`];
          return (
            <div className="field-row">
              <Field label={t('services.edit.capacityCount')} errors={at('count')} required requiredText={t('common.required')}>
                <input
                  type="number"
                  inputMode="numeric"
                  data-focus={`capacity-${r.key}`}
                  min={0}
                  max={1000000}
                  step={1}
                  value={r.count}
                  onChange={(e) => setRow({ count: e.target.value })}
                />
              </Field>
              <Field label={t('services.edit.capacityUnit')} errors={at('unit')}>
                <ChoiceSelect choices={CAPACITY_UNITS} labels="capacityUnitName" value={r.unit} onChange={(unit) => setRow({ unit })} />
              </Field>
              <Field label={t('services.form')} errors={at('form')}>
                <ChoiceSelect choices={choices} labels="serviceForm" value={r.form} onChange={(form) => setRow({ form })} />
              </Field>
            </div>
          );
        }}
      </RowsEditor>
    </div>
  );
}
