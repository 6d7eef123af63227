//! The survey builder's questions: each with its kind, text, options (one a line), bounds and
//! whether it is required; moved up and down with buttons, not by dragging, so the keyboard does all.
import { useId } from 'react';
import { ChoiceSelect } from '../../../components/ChoiceSelect';
import { CheckboxField, Field } from '../../../components/Field';
import { useT } from '../../../i18n';
import { KINDS, type QuestionKind } from '../api/surveys';

export type QuestionDraft = { key: string; id?: string; kind: QuestionKind; text: string; options: string; min: string; max: string; required: boolean };

export const newQuestion = (): QuestionDraft => ({ key: crypto.randomUUID(), kind: 'single_choice', text: '', options: '', min: '1', max: '5', required: false });

export function QuestionsEditor({
  questions,
  onChange,
  errors,
}: {
  questions: QuestionDraft[];
  onChange: (questions: QuestionDraft[]) => void;
  errors: Record<string, string[]>;
}) {
  const t = useT();
  const headingId = useId();
  const set = (i: number, change: Partial<QuestionDraft>) => onChange(questions.map((q, j) => (j === i ? { ...q, ...change } : q)));
  const move = (i: number, by: number) => {
    const next = [...questions];
    const [q] = next.splice(i, 1);
    next.splice(i + by, 0, q!);
    onChange(next);
    // Keep the focus on the moved question's button, which React re-renders in its new place.
    requestAnimationFrame(() => document.getElementById(`${headingId}-${q!.key}-${by < 0 ? 'up' : 'down'}`)?.focus());
  };
  const at = (i: number, field: string) => errors[`questions[${i}].${field}`];
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('surveys.builder.questions')}</h2>
      {questions.length === 0 && <p>{t('surveys.builder.noQuestions')}</p>}
      <ol className="question-list">
        {questions.map((q, i) => {
          const choice = q.kind === 'single_choice' || q.kind === 'multiple_choice';
          const bounded = q.kind === 'scale' || q.kind === 'number';
          return (
            <li key={q.key} className="panel">
              <h3>{t('surveys.builder.questionN', { n: i + 1 })}</h3>
              <Field label={t('surveys.builder.kind')} errors={at(i, 'kind')}>
                <ChoiceSelect choices={KINDS} labels="questionKind" value={q.kind} onChange={(kind) => set(i, { kind })} />
              </Field>
              <Field label={t('surveys.builder.text')} errors={at(i, 'text')} required requiredText={t('common.required')}>
                <input type="text" value={q.text} onChange={(e) => set(i, { text: e.target.value })} />
              </Field>
              {choice && (
                <Field label={t('surveys.builder.options')} hint={t('surveys.builder.optionsHint')} errors={at(i, 'options')}>
                  <textarea rows={4} value={q.options} onChange={(e) => set(i, { options: e.target.value })} />
                </Field>
              )}
              {bounded && (
                <div className="field-row">
                  <Field label={t('surveys.builder.min')} errors={at(i, 'min')}>
                    <input type="text" inputMode="decimal" value={q.min} onChange={(e) => set(i, { min: e.target.value })} />
                  </Field>
                  <Field label={t('surveys.builder.max')} errors={at(i, 'max')}>
                    <input type="text" inputMode="decimal" value={q.max} onChange={(e) => set(i, { max: e.target.value })} />
                  </Field>
                </div>
              )}
              <CheckboxField label={t('surveys.builder.required')} checked={q.required} onChange={(required) => set(i, { required })} />
              <p className="inline-actions">
                <button
                  type="button"
                  id={`${headingId}-${q.key}-up`}
                  className="btn btn-secondary btn-small"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={t('surveys.builder.moveUp', { n: i + 1 })}
                >
                  {t('meeting.record.moveUp')}
                </button>
                <button
                  type="button"
                  id={`${headingId}-${q.key}-down`}
                  className="btn btn-secondary btn-small"
                  disabled={i === questions.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={t('surveys.builder.moveDown', { n: i + 1 })}
                >
                  {t('meeting.record.moveDown')}
                </button>
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  onClick={() => onChange(questions.filter((_, j) => j !== i))}
                  aria-label={t('surveys.builder.remove', { n: i + 1 })}
                >
                  {t('meeting.record.remove')}
                </button>
              </p>
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn btn-secondary" onClick={() => onChange([...questions, newQuestion()])}>
        {t('surveys.builder.add')}
      </button>
    </section>
  );
}
