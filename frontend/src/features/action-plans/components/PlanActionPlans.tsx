//! The plan page's yearly action plans: each year that has one, and for coordinators of the plan's
//! territory "Nový akční plán" for a year of the plan's period that has none yet.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { useT } from '../../../i18n';
import { useSubmit } from '../../../lib/useSubmit';
import type { Plan } from '../../plans/api/plans';
import { planActionPlansQuery, useCreateActionPlan } from '../api/actionPlans';

export function PlanActionPlans({ plan, staff }: { plan: Plan; staff: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const query = useQuery(planActionPlansQuery(plan.id));
  const taken = new Set((query.data ?? []).map((a) => a.year));
  const free: number[] = [];
  for (let y = plan.period_start; y <= plan.period_end; y++) if (!taken.has(y)) free.push(y);
  const [year, setYear] = useState('');
  const submit = useSubmit();
  const create = useCreateActionPlan();
  const chosen = year || String(free[0] ?? '');
  return (
    <section aria-labelledby="action-plans">
      <h2 id="action-plans">{t('actionPlan.listTitle')}</h2>
      {query.data && query.data.length === 0 && <p>{t('actionPlan.none')}</p>}
      {query.data && query.data.length > 0 && (
        <ul className="plain-list">
          {query.data.map((a) => (
            <li key={a.id}>
              <Link to={`/action-plans/${a.id}`}>{t('actionPlan.titleOf', { year: String(a.year) })}</Link> ({t(`actionPlan.status.${a.status}`)})
            </li>
          ))}
        </ul>
      )}
      {staff && plan.status !== 'archived' && free.length > 0 && (
        <form
          className="field-row"
          onSubmit={(e) => {
            e.preventDefault();
            void submit.run(async () => {
              const created = await create.mutateAsync({ planId: plan.id, body: { year: Number(chosen), items: [] } });
              await navigate(`/action-plans/${created.id}`);
            });
          }}
        >
          <FormErrors error={submit.error} fields={['year']} />
          <Field label={t('actionPlan.year')} errors={submit.errors.year}>
            <select value={chosen} onChange={(e) => setYear(e.target.value)}>
              {free.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" className="btn btn-secondary" disabled={submit.busy}>
            {t('actionPlan.new')}
          </button>
        </form>
      )}
    </section>
  );
}
