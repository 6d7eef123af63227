//! The plan as a navigable tree: goals (and sub-goals), then their measures.
import { Link } from 'react-router';
import { ProgressBar } from '../../../components/ProgressBar';
import { StatusTag } from '../../../components/StatusTag';
import { useT } from '../../../i18n';
import type { Schemas } from '../../../lib/api/client';

type Measure = Schemas['Measure'];
type Goal = Schemas['Goal'] & { measures: Measure[]; sub_goals?: Schemas['SubGoalNode'][] };

/** `canEdit(goal)`: whether the signed-in person may edit this goal and add measures to it. */
type CanEdit = (goal: { working_group_id?: string | null }) => boolean;

export function PlanTree({ goals, canEdit }: { goals: Schemas['GoalNode'][]; canEdit: CanEdit }) {
  const t = useT();
  if (goals.length === 0) return <p>{t('plan.noGoals')}</p>;
  return (
    <ol className="tree" aria-label={t('plan.goalsAndMeasures')}>
      {goals.map((g) => (
        <GoalItem key={g.id} goal={g} level={2} canEdit={canEdit} />
      ))}
    </ol>
  );
}

function GoalItem({ goal, level, canEdit }: { goal: Goal; level: 2 | 3; canEdit: CanEdit }) {
  const t = useT();
  const Heading = level === 2 ? 'h3' : 'h4';
  return (
    <li className={`goal goal-level-${level}`} id={`goal-${goal.id}`}>
      <Heading>
        <span className="code">{goal.code}</span> {goal.title}
      </Heading>
      {goal.description && <p>{goal.description}</p>}
      <ProgressBar value={goal.progress} label={t('goal.progressOf', { code: goal.code })} />
      {canEdit(goal) && (
        <p className="inline-actions">
          <Link to={`/goals/${goal.id}/edit`}>{t('goal.edit', { code: goal.code })}</Link>
          <Link to={`/goals/${goal.id}/measures/new`}>{t('measure.addTo', { code: goal.code })}</Link>
        </p>
      )}
      {goal.measures.length > 0 && (
        <ul className="measures" aria-label={t('goal.measuresOf', { code: goal.code })}>
          {goal.measures.map((m) => (
            <li key={m.id} className="measure-row">
              <p className="measure-title">
                <span className="code">{m.code}</span> <Link to={`/measures/${m.id}`}>{m.title}</Link>
              </p>
              <p className="meta">
                <StatusTag kind="measure" value={m.status} />
                {m.responsible && (
                  <span>
                    {' · '}
                    {t('measure.responsible')}: {m.responsible}
                  </span>
                )}
              </p>
              <ProgressBar value={m.progress} label={t('measure.progressOf', { code: m.code })} />
            </li>
          ))}
        </ul>
      )}
      {goal.sub_goals && goal.sub_goals.length > 0 && (
        <ol className="tree tree-nested">
          {goal.sub_goals.map((s) => (
            <GoalItem key={s.id} goal={s} level={3} canEdit={canEdit} />
          ))}
        </ol>
      )}
    </li>
  );
}
