//! The plan as a navigable tree: goals (and sub-goals), then their measures.
import { Link } from 'react-router';
import { ProgressBar } from '../../../components/ProgressBar';
import { useT } from '../../../i18n';
import type { Schemas } from '../../../lib/api/client';
import { MeasureList } from '../../../components/MeasureList';

type Measure = Schemas['Measure'];
type Goal = Schemas['Goal'] & { measures: Measure[]; sub_goals?: Schemas['SubGoalNode'][] };

/** `canEdit(goal)`: whether the signed-in person may edit this goal and add measures to it. */
type CanEdit = (goal: { working_group_id?: string | null }) => boolean;

/** `commentable`: the consultation is open, so each goal says where to comment on it. */
export function PlanTree({ goals, canEdit, commentable }: { goals: Schemas['GoalNode'][]; canEdit: CanEdit; commentable: boolean }) {
  const t = useT();
  if (goals.length === 0) return <p>{t('plan.noGoals')}</p>;
  return (
    <ol className="tree" aria-label={t('plan.goalsAndMeasures')}>
      {goals.map((g) => (
        <GoalItem key={g.id} goal={g} level={2} canEdit={canEdit} commentable={commentable} />
      ))}
    </ol>
  );
}

function GoalItem({ goal, level, canEdit, commentable }: { goal: Goal; level: 2 | 3; canEdit: CanEdit; commentable: boolean }) {
  const t = useT();
  const Heading = level === 2 ? 'h3' : 'h4';
  return (
    <li className={`goal goal-level-${level}`} id={`goal-${goal.id}`}>
      <Heading>
        {/* The goal's page holds its comments, so the plan page stays light. */}
        <span className="code">{goal.code}</span> <Link to={`/goals/${goal.id}`}>{goal.title}</Link>
      </Heading>
      {goal.description && <p>{goal.description}</p>}
      <ProgressBar value={goal.progress} label={t('goal.progressOf', { code: goal.code })} />
      {(commentable || canEdit(goal)) && (
        <p className="inline-actions">
          {commentable && <Link to={`/goals/${goal.id}`}>{t('goal.commentOn', { code: goal.code })}</Link>}
          {canEdit(goal) && (
            <>
              <Link to={`/goals/${goal.id}/edit`}>{t('goal.edit', { code: goal.code })}</Link>
              <Link to={`/goals/${goal.id}/measures/new`}>{t('measure.addTo', { code: goal.code })}</Link>
            </>
          )}
        </p>
      )}
      {goal.measures.length > 0 && <MeasureList measures={goal.measures} label={t('goal.measuresOf', { code: goal.code })} />}
      {goal.sub_goals && goal.sub_goals.length > 0 && (
        <ol className="tree tree-nested">
          {goal.sub_goals.map((s) => (
            <GoalItem key={s.id} goal={s} level={3} canEdit={canEdit} commentable={commentable} />
          ))}
        </ol>
      )}
    </li>
  );
}
