//! The answering form: one fieldset with a legend per question, errors (the form's own checks and
//! the server's 422) tied to their question, and how far one has got in a long survey.
import { useId, useState } from 'react';
import { Fieldset } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { useT } from '../../../i18n';
import { describeFieldError, isApiError } from '../../../lib/api/problem';
import { useSubmit } from '../../../lib/useSubmit';
import { useRespond, type AnswerInput, type Question, type Survey } from '../api/surveys';

/** Surveys with more questions than this show how far one has got. */
const LONG_SURVEY = 4;

type Draft = { options: number[]; value: string; text: string };
const blank: Draft = { options: [], value: '', text: '' };

function answered(q: Question, d: Draft): boolean {
  if (q.kind === 'single_choice' || q.kind === 'multiple_choice') return d.options.length > 0;
  if (q.kind === 'text') return d.text.trim() !== '';
  return d.value.trim() !== '';
}

function toAnswer(q: Question, d: Draft): AnswerInput | null {
  if (!answered(q, d)) return null;
  if (q.kind === 'single_choice' || q.kind === 'multiple_choice') return { question_id: q.id, option_indexes: d.options };
  if (q.kind === 'text') return { question_id: q.id, text: d.text };
  return { question_id: q.id, value: Number(d.value.replace(',', '.')) };
}

/** The form's own checks, in the server's words: required answers, numbers and their range. */
function check(q: Question, d: Draft, t: (key: string, vars?: Record<string, string | number>) => string): string | null {
  if (!answered(q, d)) return q.required ? t('fieldError.required') : null;
  if (q.kind !== 'scale' && q.kind !== 'number') return null;
  const value = Number(d.value.replace(',', '.'));
  if (!Number.isFinite(value)) return t('errors.notANumber');
  if ((q.min != null && value < q.min) || (q.max != null && value > q.max)) {
    return t('fieldError.outOfRange', { min: q.min ?? '', max: q.max ?? '' });
  }
  return null;
}

export function AnswerForm({ survey, onDone }: { survey: Survey; onDone: () => void }) {
  const t = useT();
  const formId = useId();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [local, setLocal] = useState<Record<string, string>>({});
  const submit = useSubmit();
  const respond = useRespond();
  const questions = survey.questions;
  const draftOf = (q: Question) => drafts[q.id] ?? blank;
  const set = (q: Question, change: Partial<Draft>) => setDrafts((all) => ({ ...all, [q.id]: { ...(all[q.id] ?? blank), ...change } }));
  const done = questions.filter((q) => answered(q, draftOf(q))).length;

  // The server names an answer by its index in what was sent, or a question left out by its id.
  const sent = questions.map((q) => toAnswer(q, draftOf(q))).filter((a): a is AnswerInput => a !== null);
  const serverErrors: Record<string, string[]> = {};
  if (isApiError(submit.error, 422)) {
    for (const error of submit.error.problem.errors ?? []) {
      const byIndex = /^answers\[(\d+)\]/.exec(error.field);
      const id = byIndex ? sent[Number(byIndex[1])]?.question_id : error.field.replace(/^questions\./, '');
      if (id) (serverErrors[id] ??= []).push(describeFieldError(error, t));
    }
  }
  const errorsOf = (q: Question) => (local[q.id] ? [local[q.id]!] : serverErrors[q.id]);

  return (
    <form
      noValidate
      aria-labelledby={`${formId}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        const found: Record<string, string> = {};
        for (const q of questions) {
          const problem = check(q, draftOf(q), t);
          if (problem) found[q.id] = problem;
        }
        setLocal(found);
        if (Object.keys(found).length > 0) {
          requestAnimationFrame(() => (document.querySelector('[data-invalid] input, [data-invalid] textarea') as HTMLElement | null)?.focus());
          return;
        }
        void submit.run(async () => {
          await respond.mutateAsync({ surveyId: survey.id, answers: sent });
          onDone();
        });
      }}
    >
      <h2 id={`${formId}-title`}>{t('surveys.answer.title')}</h2>
      {questions.length > LONG_SURVEY && (
        <p className="survey-progress">
          <label htmlFor={`${formId}-progress`}>{t('surveys.answer.progress', { done, total: questions.length })}</label>{' '}
          <progress id={`${formId}-progress`} max={questions.length} value={done} />
        </p>
      )}
      {!isApiError(submit.error, 422) && <FormErrors error={submit.error} fields={[]} />}
      {questions.map((q, i) => {
        const d = draftOf(q);
        const name = `${formId}-q${i}`;
        const legend = `${i + 1}. ${q.text}${q.required ? ` (${t('common.required')})` : ''}`;
        const hint =
          q.kind === 'multiple_choice'
            ? t('surveys.answer.several')
            : q.kind === 'scale' || q.kind === 'number'
              ? q.min != null && q.max != null
                ? t('surveys.answer.range', { min: q.min, max: q.max })
                : undefined
              : undefined;
        return (
          <QuestionFieldset key={q.id} legend={legend} hint={hint} errors={errorsOf(q)}>
            {q.kind === 'single_choice' &&
              q.options.map((option, j) => (
                <label key={j} className="checkbox">
                  <input type="radio" name={name} checked={d.options[0] === j} onChange={() => set(q, { options: [j] })} /> {option}
                </label>
              ))}
            {q.kind === 'multiple_choice' &&
              q.options.map((option, j) => (
                <label key={j} className="checkbox">
                  <input
                    type="checkbox"
                    checked={d.options.includes(j)}
                    onChange={(e) =>
                      set(q, { options: e.target.checked ? [...d.options, j].sort((a, b) => a - b) : d.options.filter((o) => o !== j) })
                    }
                  />{' '}
                  {option}
                </label>
              ))}
            {q.kind === 'scale' && q.min != null && q.max != null && (
              <div className="scale-choices">
                {Array.from({ length: q.max - q.min + 1 }, (_, k) => q.min! + k).map((point) => (
                  <label key={point} className="checkbox">
                    <input type="radio" name={name} checked={d.value === String(point)} onChange={() => set(q, { value: String(point) })} />{' '}
                    {point}
                  </label>
                ))}
              </div>
            )}
            {q.kind === 'number' && (
              <input type="text" inputMode="decimal" aria-label={q.text} value={d.value} onChange={(e) => set(q, { value: e.target.value })} />
            )}
            {q.kind === 'text' && <textarea aria-label={q.text} rows={4} maxLength={5000} value={d.text} onChange={(e) => set(q, { text: e.target.value })} />}
          </QuestionFieldset>
        );
      })}
      <p>
        <button type="submit" className="btn btn-primary" disabled={submit.busy}>
          {submit.busy ? t('common.sending') : t('surveys.answer.submit')}
        </button>
      </p>
    </form>
  );
}

/** A question's fieldset, marked invalid for the focus after a failed submit. */
function QuestionFieldset({ legend, hint, errors, children }: { legend: string; hint?: string; errors?: string[]; children: React.ReactNode }) {
  return (
    <div data-invalid={errors?.length ? true : undefined} className="survey-question">
      <Fieldset legend={legend} hint={hint} errors={errors}>
        {children}
      </Fieldset>
    </div>
  );
}
