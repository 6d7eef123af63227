//! The review of a need by its working group or the coordinators where it lies: assign a group,
//! set the status, write the public answer, link the measures that answer it. A duplicate names
//! the need it duplicates (the API holds it to another need that is itself no duplicate).
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ChoiceSelect } from '../../../components/ChoiceSelect';
import { CheckboxField, Field, Fieldset } from '../../../components/Field';
import { FormNotices } from '../../../components/FormNotices';
import { useT } from '../../../i18n';
import { useForm } from '../../../lib/useForm';
import { territoryMeasuresQuery } from '../../measures/api/measures';
import { groupsQuery, territoryGroupsQuery } from '../../working-groups/api/groups';
import { NEED_STATUSES, needsQuery, useReviewNeed, type Need, type NeedStatus } from '../api/needs';

const FIELDS = ['working_group_id', 'status', 'response', 'duplicate_of', 'measure_ids'] as const;
interface Values {
  working_group_id: string;
  status: NeedStatus;
  response: string;
  duplicate_of: string;
  measure_ids: string[];
}

const toValues = (n?: Need): Values => ({
  working_group_id: n?.working_group_id ?? '',
  status: n?.status ?? 'new',
  response: n?.response ?? '',
  duplicate_of: n?.duplicate_of ?? '',
  measure_ids: n?.measure_ids ?? [],
});

export function NeedReview({ need, refetch }: { need: Need; refetch: () => Promise<unknown> }) {
  const t = useT();
  const headingId = useId();
  const territory = need.territory_id ?? '';
  // The groups of the need's territory (and below it); a need of no territory may go to any group.
  const placed = useQuery({ ...territoryGroupsQuery(territory), enabled: !!territory });
  const everyGroup = useQuery({ ...groupsQuery(), enabled: !territory });
  const groups = (territory ? placed.data : everyGroup.data) ?? [];
  const measures = useQuery(territoryMeasuresQuery(territory));
  const others = useQuery(needsQuery({ territory_id: territory, target_group_code: '', status: '' }));
  const form = useForm({ entity: need, toValues, fields: FIELDS, refetch });
  const review = useReviewNeed();
  const [saved, setSaved] = useState(false);
  const { values, field, errors, update } = form;
  // In the plans' own order of codes (1.1.1 before 1.1.2 before 2.1), across goals.
  const choices = [...(measures.data ?? [])].sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true }));
  const originals = (others.data ?? []).filter((n) => n.id !== need.id && n.status !== 'duplicate');
  const toggle = (id: string, on: boolean) =>
    update({ measure_ids: on ? [...values.measure_ids, id] : values.measure_ids.filter((m) => m !== id) });

  return (
    <section aria-labelledby={headingId} className="panel">
      <h2 id={headingId}>{t('needs.review.title')}</h2>
      <p>{t('needs.review.intro')}</p>
      {saved && (
        <div className="notice notice-success" role="status">
          <p>{t('needs.review.saved')}</p>
        </div>
      )}
      <FormNotices form={form} />
      <form
        onSubmit={form.onSubmit(async (v) => {
          setSaved(false);
          await review.mutateAsync({
            need,
            body: {
              working_group_id: v.working_group_id || null,
              status: v.status,
              response: v.response.trim() || null,
              ...(v.status === 'duplicate' ? { duplicate_of: v.duplicate_of || null } : {}),
              measure_ids: v.measure_ids,
            },
          });
          setSaved(true);
        })}
      >
        <Field label={t('needs.fields.workingGroup')} hint={t('needs.fields.workingGroupHint')} errors={errors.working_group_id}>
          <select value={values.working_group_id} onChange={field('working_group_id')}>
            <option value="">{t('needs.fields.noGroup')}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('needs.fields.status')} errors={errors.status}>
          <ChoiceSelect choices={NEED_STATUSES} labels="needStatus" value={values.status} onChange={(status) => update({ status })} />
        </Field>
        {values.status === 'duplicate' && (
          <Field label={t('needs.fields.duplicateOf')} hint={t('needs.fields.duplicateOfHint')} errors={errors.duplicate_of} required requiredText={t('common.required')}>
            <select value={values.duplicate_of} onChange={field('duplicate_of')}>
              <option value="">{t('needs.fields.chooseNeed')}</option>
              {originals.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.title}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field
          label={t('needs.fields.response')}
          hint={t('needs.fields.responseHint')}
          errors={errors.response}
          required={values.status === 'not_addressed'}
          requiredText={t('common.required')}
        >
          <textarea rows={4} value={values.response} onChange={field('response')} />
        </Field>
        <Fieldset legend={t('needs.fields.measures')} hint={t('needs.fields.measuresHint')} errors={errors.measure_ids}>
          {choices.length === 0 ? (
            <p>{t('needs.fields.noMeasures')}</p>
          ) : (
            choices.map((m) => (
              <CheckboxField
                key={m.id}
                label={`${m.code} ${m.title}`}
                checked={values.measure_ids.includes(m.id)}
                onChange={(on) => toggle(m.id, on)}
              />
            ))
          )}
        </Fieldset>
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          {form.busy ? t('common.sending') : t('needs.review.submit')}
        </button>
      </form>
    </section>
  );
}
