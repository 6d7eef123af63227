//! A year's action plan: its editor while a draft (for coordinators of the plan's territory and
//! admins), the approval form, and once approved the frozen plan as the steering group passed it.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FormErrors } from '../../../components/FormErrors';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView } from '../../../components/QueryState';
import { useI18n, useT } from '../../../i18n';
import { canManageTerritory, useSession } from '../../../lib/auth/useSession';
import { useSubmit } from '../../../lib/useSubmit';
import { FUNDING_SOURCES, normalizeMoney } from '../../measures/api/measures';
import { planTreeQuery, type PlanTree } from '../../plans/api/plans';
import { actionPlanQuery, useUpdateActionPlan, type ActionPlan } from '../api/actionPlans';
import { ActionPlanTables, goalsInOrder } from '../components/ActionPlanTables';
import { ApprovalForm } from '../components/ApprovalForm';
import { emptyItem, MeasureItem, type ItemDraft } from '../components/ItemsEditor';

function draftsOf(actionPlan: ActionPlan): Record<string, ItemDraft> {
  return Object.fromEntries(
    actionPlan.items.map((i) => [
      i.measure_id,
      {
        included: true,
        activityIds: i.activity_ids ?? [],
        amounts: Object.fromEntries((i.planned ?? []).map((p) => [p.source, p.amount])),
        note: i.note ?? '',
      },
    ]),
  );
}

function Editor({ actionPlan, tree }: { actionPlan: ActionPlan; tree: PlanTree }) {
  const t = useT();
  const [drafts, setDrafts] = useState(() => draftsOf(actionPlan));
  const [saved, setSaved] = useState(false);
  const submit = useSubmit();
  const update = useUpdateActionPlan();
  const measures = goalsInOrder(tree).flatMap((g) => g.measures);
  return (
    <section aria-labelledby="items">
      <h2 id="items">{t('actionPlan.items')}</h2>
      <div role="status">{saved && <p className="notice notice-success">{t('actionPlan.saved')}</p>}</div>
      <FormErrors error={submit.error} fields={[]} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          void submit.run(async () => {
            const items = measures
              .filter((m) => drafts[m.id]?.included)
              .map((m) => {
                const d = drafts[m.id]!;
                const planned = FUNDING_SOURCES.filter((s) => d.amounts[s]?.trim()).map((s) => ({
                  source: s,
                  amount: normalizeMoney(d.amounts[s]!),
                }));
                return { measure_id: m.id, activity_ids: d.activityIds, planned, note: d.note.trim() || null };
              });
            await update.mutateAsync({ actionPlan, body: { items } });
            setSaved(true);
          });
        }}
      >
        {measures.map((m) => (
          <MeasureItem
            key={m.id}
            measure={m}
            year={actionPlan.year}
            draft={drafts[m.id] ?? emptyItem()}
            onChange={(d) => setDrafts({ ...drafts, [m.id]: d })}
          />
        ))}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {t('actionPlan.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function ActionPlanPage() {
  const { actionPlanId = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { user } = useSession();
  const query = useQuery(actionPlanQuery(actionPlanId));
  const tree = useQuery({ ...planTreeQuery(query.data?.plan_id ?? ''), enabled: !!query.data });
  return (
    <QueryView query={query} page>
      {(a) => {
        const plan = tree.data?.plan;
        const manages = !!plan && canManageTerritory(user, plan.territory_id) && plan.status !== 'archived';
        const draft = a.status === 'draft';
        const title = t('actionPlan.titleOf', { year: String(a.year) });
        return (
          <article>
            <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
              <Link to="/">{t('nav.plans')}</Link>
              {plan && (
                <>
                  {' › '}
                  <Link to={`/plans/${plan.id}`}>{plan.title}</Link>
                </>
              )}
            </nav>
            <PageTitle title={title}>{title}</PageTitle>
            <p className="meta">
              {draft
                ? t('actionPlan.status.draft')
                : t('actionPlan.approvedBy', { resolution: a.approval_resolution ?? '', date: formatDate(a.approved_on) })}
            </p>
            <p className="inline-actions">
              <Link to={`/action-plans/${a.id}/print`}>{t('actionPlan.printable')}</Link>
            </p>
            {!draft && <p className="notice">{t('actionPlan.frozen')}</p>}
            {tree.data && (draft && manages ? <Editor actionPlan={a} tree={tree.data} /> : <ActionPlanTables actionPlan={a} tree={tree.data} />)}
            {tree.data && draft && manages && plan && <ApprovalForm actionPlan={a} plan={plan} />}
          </article>
        );
      }}
    </QueryView>
  );
}
