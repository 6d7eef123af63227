//! "Report progress": records a dated update and sets the measure's status and progress.
import { useState } from 'react';
import { ChoiceSelect } from '../../../components/ChoiceSelect';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { useT } from '../../../i18n';
import { useSubmit } from '../../../lib/useSubmit';
import { MEASURE_STATUSES, useAddProgressUpdate, type Measure, type MeasureStatus } from '../api/measures';

const FIELDS = ['date', 'status', 'progress', 'note'] as const;
const today = () => new Date().toISOString().slice(0, 10);

export function ProgressUpdateForm({ measure }: { measure: Measure }) {
  const t = useT();
  const [date, setDate] = useState(today);
  const [status, setStatus] = useState<MeasureStatus>(measure.status);
  const [progress, setProgress] = useState(String(measure.progress));
  const [note, setNote] = useState('');
  const [done, setDone] = useState(false);
  const submit = useSubmit();
  const addProgressUpdate = useAddProgressUpdate();

  return (
    <section aria-labelledby="report-progress" className="panel">
      <h2 id="report-progress">{t('measure.report.title')}</h2>
      <p className="muted">{t('measure.report.intro')}</p>
      <div role="status">{done && <p className="notice notice-success">{t('measure.report.saved')}</p>}</div>
      <FormErrors error={submit.error} fields={FIELDS} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setDone(false);
          void submit.run(async () => {
            await addProgressUpdate.mutateAsync({ id: measure.id, body: { date: date || null, status, progress: Number(progress), note } });
            setNote('');
            setDone(true);
          });
        }}
      >
        <div className="field-row">
          <Field label={t('measure.report.date')} errors={submit.errors.date}>
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </Field>
          <Field label={t('measure.fields.status')} errors={submit.errors.status}>
            <ChoiceSelect choices={MEASURE_STATUSES} labels="measureStatus" value={status} onChange={setStatus} />
          </Field>
          <Field label={t('measure.fields.progress')} hint={t('measure.fields.progressHint')} errors={submit.errors.progress}>
            <input type="number" inputMode="numeric" min={0} max={100} value={progress} onChange={(e) => setProgress(e.target.value)} />
          </Field>
        </div>
        <Field label={t('measure.report.note')} hint={t('measure.report.noteHint')} errors={submit.errors.note}>
          <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {t('measure.report.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
