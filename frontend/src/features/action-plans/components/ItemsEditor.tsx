//! The draft action plan's items: for each measure of the plan, whether it runs this year, which of
//! its activities, and the money planned from each source.
import { useQuery } from '@tanstack/react-query';
import { CheckboxField, Field, Fieldset } from '../../../components/Field';
import { useT } from '../../../i18n';
import { measureActivitiesQuery } from '../../measures/api/activities';
import { FUNDING_SOURCES, type FundingSource, type Measure } from '../../measures/api/measures';

/** One measure's row as the form holds it (amounts as typed). */
export interface ItemDraft {
  included: boolean;
  activityIds: string[];
  amounts: Partial<Record<FundingSource, string>>;
  note: string;
}

export const emptyItem = (): ItemDraft => ({ included: false, activityIds: [], amounts: {}, note: '' });

export function MeasureItem({
  measure,
  year,
  draft,
  onChange,
}: {
  measure: Measure;
  year: number;
  draft: ItemDraft;
  onChange: (d: ItemDraft) => void;
}) {
  const t = useT();
  const activities = useQuery({ ...measureActivitiesQuery(measure.id), enabled: draft.included });
  const name = `${measure.code} ${measure.title}`;
  return (
    <div className="panel">
      <CheckboxField
        label={t('actionPlan.include', { measure: name })}
        checked={draft.included}
        onChange={(included) => onChange({ ...draft, included })}
      />
      {draft.included && (
        <>
          <Fieldset legend={t('actionPlan.activitiesOf', { measure: name })}>
            {(activities.data?.items ?? []).length === 0 && <p className="muted">{t('activity.none')}</p>}
            {(activities.data?.items ?? []).map((a) => {
              const runs = a.year_from <= year && year <= a.year_to;
              return (
                <CheckboxField
                  key={a.id}
                  label={`${a.title} (${a.year_from}–${a.year_to})`}
                  hint={runs ? undefined : t('actionPlan.notThisYear')}
                  disabled={!runs}
                  checked={draft.activityIds.includes(a.id)}
                  onChange={(on) =>
                    onChange({ ...draft, activityIds: on ? [...draft.activityIds, a.id] : draft.activityIds.filter((id) => id !== a.id) })
                  }
                />
              );
            })}
          </Fieldset>
          <Fieldset legend={t('actionPlan.plannedOf', { measure: name })}>
            <div className="field-row">
              {FUNDING_SOURCES.map((s) => (
                <Field key={s} label={t('actionPlan.amountFrom', { source: t(`fundingSource.${s}`) })}>
                  <input
                    inputMode="decimal"
                    value={draft.amounts[s] ?? ''}
                    onChange={(e) => onChange({ ...draft, amounts: { ...draft.amounts, [s]: e.target.value } })}
                  />
                </Field>
              ))}
            </div>
          </Fieldset>
          <Field label={t('actionPlan.noteOf', { measure: name })}>
            <textarea rows={2} value={draft.note} onChange={(e) => onChange({ ...draft, note: e.target.value })} />
          </Field>
        </>
      )}
    </div>
  );
}
