//! What a settlement may name as changed ("Změna v plánu"): the plan's goals and measures, in the
//! plan's order, each as the `type:id` value a select holds.
import type { PlanTree } from '../plans/api/plans';

export interface ChangeTarget {
  type: 'goal' | 'measure';
  id: string;
  code: string;
  title: string;
}

export function changeTargets(goals: PlanTree['goals']): ChangeTarget[] {
  const out: ChangeTarget[] = [];
  const measures = (list: { id: string; code: string; title: string }[]) =>
    list.forEach((m) => out.push({ type: 'measure', id: m.id, code: m.code, title: m.title }));
  for (const goal of goals) {
    out.push({ type: 'goal', id: goal.id, code: goal.code, title: goal.title });
    measures(goal.measures);
    for (const sub of goal.sub_goals) {
      out.push({ type: 'goal', id: sub.id, code: sub.code, title: sub.title });
      measures(sub.measures);
    }
  }
  return out;
}

/** A target as the select's value, and back. */
export const targetValue = (t: Pick<ChangeTarget, 'type' | 'id'>) => `${t.type}:${t.id}`;

export function parseTargetValue(value: string): { change_target_type: ChangeTarget['type']; change_target_id: string } | null {
  const [type, id] = value.split(':');
  return (type === 'goal' || type === 'measure') && id ? { change_target_type: type, change_target_id: id } : null;
}
