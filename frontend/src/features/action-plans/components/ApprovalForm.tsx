//! Approves a year's action plan: the day and the resolution of the steering group, and the
//! meeting that passed it if it was one in the app. From then on the plan is frozen.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { useI18n } from '../../../i18n';
import { useSubmit } from '../../../lib/useSubmit';
import type { Plan } from '../../plans/api/plans';
import { territoryMeetingsQuery, useUpdateActionPlan, type ActionPlan } from '../api/actionPlans';

const FIELDS = ['approved_on', 'approval_resolution', 'approved_at_meeting_id'] as const;

export function ApprovalForm({ actionPlan, plan }: { actionPlan: ActionPlan; plan: Plan }) {
  const { t, formatDate } = useI18n();
  const [on, setOn] = useState('');
  const [resolution, setResolution] = useState('');
  const [meeting, setMeeting] = useState('');
  const meetings = useQuery({ ...territoryMeetingsQuery(plan.territory_id ?? ''), enabled: !!plan.territory_id });
  const submit = useSubmit();
  const update = useUpdateActionPlan();
  return (
    <section aria-labelledby="approve" className="panel">
      <h2 id="approve">{t('actionPlan.approve.title')}</h2>
      <p className="muted">{t('actionPlan.approve.intro')}</p>
      <FormErrors error={submit.error} fields={FIELDS} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(async () => {
            await update.mutateAsync({
              actionPlan,
              body: {
                status: 'approved',
                approved_on: on || null,
                approval_resolution: resolution || null,
                approved_at_meeting_id: meeting || null,
              },
            });
          });
        }}
      >
        <div className="field-row">
          <Field label={t('actionPlan.approve.on')} errors={submit.errors.approved_on} required requiredText={t('common.required')}>
            <input type="date" value={on} onChange={(e) => setOn(e.target.value)} />
          </Field>
          <Field
            label={t('actionPlan.approve.resolution')}
            hint={t('actionPlan.approve.resolutionHint')}
            errors={submit.errors.approval_resolution}
            required
            requiredText={t('common.required')}
          >
            <input value={resolution} onChange={(e) => setResolution(e.target.value)} maxLength={300} />
          </Field>
        </div>
        <Field label={t('actionPlan.approve.meeting')} errors={submit.errors.approved_at_meeting_id}>
          <select value={meeting} onChange={(e) => setMeeting(e.target.value)}>
            <option value="">{t('common.none')}</option>
            {(meetings.data ?? [])
              .filter((m) => m.status !== 'cancelled')
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {formatDate(m.starts_at.slice(0, 10))} – {m.title}
                </option>
              ))}
          </select>
        </Field>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {t('actionPlan.approve.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
