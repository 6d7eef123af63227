//! A year's action plan as the steering group reads it: a table per goal (measure, activities,
//! money by source) and the totals per source.
import { useQueries } from '@tanstack/react-query';
import { TableWrap } from '../../../components/TableWrap';
import { useI18n } from '../../../i18n';
import { measureActivitiesQuery, type Activity } from '../../measures/api/activities';
import type { PlanTree } from '../../plans/api/plans';
import type { ActionPlan } from '../api/actionPlans';

type Goal = PlanTree['goals'][number]['sub_goals'][number];

/** The goals in document order (sub-goals after their parent), each with its measures. */
export function goalsInOrder(tree: PlanTree): Goal[] {
  return tree.goals.flatMap((g) => [g, ...g.sub_goals]);
}

/** The activities of the measures `ids`, by id. */
export function useActivitiesOf(ids: string[]): Map<string, Activity> {
  const results = useQueries({ queries: ids.map((id) => measureActivitiesQuery(id)) });
  return new Map(results.flatMap((r) => r.data?.items ?? []).map((a) => [a.id, a]));
}

export function ActionPlanTables({ actionPlan, tree }: { actionPlan: ActionPlan; tree: PlanTree }) {
  const { t, formatMoney } = useI18n();
  const activities = useActivitiesOf(actionPlan.items.map((i) => i.measure_id));
  const sources = actionPlan.totals.map((s) => s.source);
  const items = new Map(actionPlan.items.map((i) => [i.measure_id, i]));
  const goals = goalsInOrder(tree).filter((g) => g.measures.some((m) => items.has(m.id)));

  if (actionPlan.items.length === 0) return <p>{t('actionPlan.noItems')}</p>;
  return (
    <>
      {goals.map((g) => {
        const caption = t('actionPlan.goalTable', { code: g.code, title: g.title });
        return (
          <TableWrap key={g.id} label={caption}>
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('actionPlan.measure')}</th>
                  <th scope="col">{t('activity.title')}</th>
                  {sources.map((s) => (
                    <th scope="col" key={s}>
                      {t(`fundingSource.${s}`)}
                    </th>
                  ))}
                  <th scope="col">{t('actionPlan.note')}</th>
                </tr>
              </thead>
              <tbody>
                {g.measures
                  .filter((m) => items.has(m.id))
                  .map((m) => {
                    const item = items.get(m.id)!;
                    const titles = (item.activity_ids ?? []).map((id) => activities.get(id)?.title).filter(Boolean);
                    return (
                      <tr key={m.id}>
                        <th scope="row">
                          {m.code} {m.title}
                        </th>
                        <td>{titles.length ? titles.join('; ') : '–'}</td>
                        {sources.map((s) => {
                          const amount = item.planned?.find((p) => p.source === s)?.amount;
                          return <td key={s}>{amount ? formatMoney(amount) : '–'}</td>;
                        })}
                        <td>{item.note || '–'}</td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </TableWrap>
        );
      })}
      <TableWrap label={t('actionPlan.totals')}>
        <table>
          <caption>{t('actionPlan.totals')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('measure.source')}</th>
              <th scope="col">{t('measure.planned')}</th>
            </tr>
          </thead>
          <tbody>
            {actionPlan.totals.map((s) => (
              <tr key={s.source}>
                <th scope="row">{t(`fundingSource.${s.source}`)}</th>
                <td>{formatMoney(s.amount)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('actionPlan.total')}</th>
              <td>{formatMoney(actionPlan.total)}</td>
            </tr>
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
