//! Adds an activity to a measure or edits one; once the plan is approved only its status.
import { useState } from 'react';
import { ChoiceSelect } from '../../../components/ChoiceSelect';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { useT } from '../../../i18n';
import { useSubmit } from '../../../lib/useSubmit';
import { MEASURE_STATUSES, normalizeMoney, type MeasureStatus } from '../api/measures';
import { useSaveActivity, type Activity } from '../api/activities';

const FIELDS = ['title', 'responsible', 'year_from', 'year_to', 'estimated_cost', 'status'] as const;

interface Props {
  measureId: string;
  /** The activity edited; none to add one. */
  activity?: Activity;
  /** Only the status may change (the plan is approved). */
  statusOnly: boolean;
  /** The first year offered for a new activity. */
  defaultYear: number;
  onDone: () => void;
}

export function ActivityForm({ measureId, activity, statusOnly, defaultYear, onDone }: Props) {
  const t = useT();
  const [title, setTitle] = useState(activity?.title ?? '');
  const [responsible, setResponsible] = useState(activity?.responsible ?? '');
  const [yearFrom, setYearFrom] = useState(String(activity?.year_from ?? defaultYear));
  const [yearTo, setYearTo] = useState(String(activity?.year_to ?? defaultYear));
  const [cost, setCost] = useState(activity?.estimated_cost ?? '');
  const [status, setStatus] = useState<MeasureStatus>(activity?.status ?? 'planned');
  const submit = useSubmit();
  const save = useSaveActivity();
  const heading = activity ? t('activity.editTitle', { title: activity.title }) : t('activity.add');

  return (
    <section aria-label={heading} className="panel">
      <h3>{heading}</h3>
      <FormErrors error={submit.error} fields={FIELDS} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(async () => {
            const texts = {
              title,
              responsible,
              year_from: Number(yearFrom),
              year_to: Number(yearTo),
              estimated_cost: cost.trim() ? normalizeMoney(cost) : null,
              status,
            };
            if (activity) await save.mutateAsync({ activity, body: statusOnly ? { status } : texts });
            else await save.mutateAsync({ measureId, body: texts });
            onDone();
          });
        }}
      >
        {!statusOnly && (
          <>
            <Field label={t('activity.fields.title')} errors={submit.errors.title} required requiredText={t('common.required')}>
              <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} />
            </Field>
            <Field label={t('activity.fields.responsible')} errors={submit.errors.responsible}>
              <input value={responsible} onChange={(e) => setResponsible(e.target.value)} maxLength={300} />
            </Field>
            <div className="field-row">
              <Field label={t('activity.fields.yearFrom')} errors={submit.errors.year_from}>
                <input type="number" inputMode="numeric" min={2000} max={2100} value={yearFrom} onChange={(e) => setYearFrom(e.target.value)} />
              </Field>
              <Field label={t('activity.fields.yearTo')} errors={submit.errors.year_to}>
                <input type="number" inputMode="numeric" min={2000} max={2100} value={yearTo} onChange={(e) => setYearTo(e.target.value)} />
              </Field>
              <Field label={t('activity.fields.cost')} hint={t('measure.fields.estimatedCostHint')} errors={submit.errors.estimated_cost}>
                <input inputMode="decimal" value={cost} onChange={(e) => setCost(e.target.value)} />
              </Field>
            </div>
          </>
        )}
        <Field label={t('measure.fields.status')} errors={submit.errors.status}>
          <ChoiceSelect choices={MEASURE_STATUSES} labels="measureStatus" value={status} onChange={setStatus} />
        </Field>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {activity ? t('common.save') : t('activity.add')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onDone}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
