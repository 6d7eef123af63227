//! Moving a plan through its lifecycle, with a confirmation that says what will happen.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { useT } from '../../../i18n';
import { fieldErrors, isApiError } from '../../../lib/api/problem';
import { reportQuery } from '../../consultation/api/comments';
import { NEXT_STATUSES, useChangePlanStatus, type Plan, type PlanStatus } from '../../plans/api/plans';
import { invalidateVersions } from '../../versions/api/versions';

const FIELDS = ['status', 'note', 'consultation_closes_at', 'approval_resolution', 'approved_on'] as const;

/** `datetime-local` value (local wall time) → RFC 3339 instant. */
export function localToIso(local: string): string {
  return new Date(local).toISOString();
}

export function LifecycleControl({ plan }: { plan: Plan }) {
  const t = useT();
  const changeStatus = useChangePlanStatus();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<PlanStatus | null>(null);
  const [note, setNote] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const [resolution, setResolution] = useState('');
  const [approvedOn, setApprovedOn] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The server refuses approval while a consultation comment is unsettled: say so before trying.
  const report = useQuery({ ...reportQuery(plan.id), enabled: target === 'approved' });
  const unsettled = target === 'approved' ? (report.data?.counts.unsettled ?? 0) : 0;
  const next = NEXT_STATUSES[plan.status];
  if (next.length === 0) return null;
  const errors = fieldErrors(isApiError(error) ? error.problem : null, t);

  async function confirm() {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      await changeStatus.mutateAsync({
        id: plan.id,
        body: {
          status: target,
          note: note || null,
          ...(target === 'consultation' && closesAt ? { consultation_closes_at: localToIso(closesAt) } : {}),
          ...(target === 'approved' ? { approval_resolution: resolution, approved_on: approvedOn || null } : {}),
        },
      });
      // Every move takes a version of the plan, listed on its page.
      await invalidateVersions(queryClient, plan.id);
      setTarget(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="lifecycle-heading">
      <h2 id="lifecycle-heading">{t('lifecycle.title')}</h2>
      <p>{t('lifecycle.current', { status: t(`planStatus.${plan.status}`) })}</p>
      <div className="actions">
        {next.map((s) => (
          <button
            key={s}
            type="button"
            className={s === 'draft' ? 'btn btn-secondary' : 'btn btn-primary'}
            onClick={() => {
              setError(null);
              setTarget(s);
            }}
          >
            {t(`lifecycle.action.${s}`)}
          </button>
        ))}
      </div>
      <ConfirmDialog
        open={target !== null}
        title={target ? t(`lifecycle.action.${target}`) : ''}
        confirmLabel={target ? t(`lifecycle.confirm.${target}`) : ''}
        onConfirm={confirm}
        onCancel={() => setTarget(null)}
        busy={busy}
        confirmDisabled={target === 'approved' && (report.isPending || unsettled > 0)}
      >
        {target && <p>{t(`lifecycle.explain.${target}`, { title: plan.title })}</p>}
        <div role="status">
          {unsettled > 0 && (
            <div className="notice notice-warning">
              <p>
                {t('lifecycle.unsettled', { count: unsettled })} {t('lifecycle.settleFirst')}
              </p>
              <p>
                <Link to={`/plans/${plan.id}/register?state=unsettled`}>{t('lifecycle.openRegister')}</Link>
              </p>
            </div>
          )}
        </div>
        <FormErrors error={error} fields={FIELDS} />
        {target === 'consultation' && (
          <Field label={t('lifecycle.closesAt')} errors={errors.consultation_closes_at} required requiredText={t('common.required')}>
            <input type="datetime-local" value={closesAt} onChange={(e) => setClosesAt(e.target.value)} />
          </Field>
        )}
        {target === 'approved' && (
          <>
            <Field
              label={t('lifecycle.approvalResolution')}
              hint={t('lifecycle.approvalResolutionHint')}
              errors={errors.approval_resolution}
              required
              requiredText={t('common.required')}
            >
              <input type="text" value={resolution} onChange={(e) => setResolution(e.target.value)} />
            </Field>
            <Field label={t('lifecycle.approvedOn')} errors={errors.approved_on} required requiredText={t('common.required')}>
              <input type="date" value={approvedOn} onChange={(e) => setApprovedOn(e.target.value)} />
            </Field>
          </>
        )}
        <Field label={t('lifecycle.note')} errors={errors.note}>
          <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
      </ConfirmDialog>
    </section>
  );
}
