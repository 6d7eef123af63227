import { describe, expect, it } from 'vitest';
import { changeTargets, parseTargetValue, targetValue } from './changeTargets';

const measure = (id: string, code: string) => ({ id, code, title: `Opatření ${code}` });

describe('changeTargets', () => {
  it('lists goals, their measures and sub-goals in the plan order', () => {
    const goals = [
      { id: 'g1', code: '1', title: 'Senioři', measures: [measure('m1', '1.1')], sub_goals: [{ id: 'g1a', code: '1.A', title: 'Doma', measures: [measure('m2', '1.A.1')] }] },
      { id: 'g2', code: '2', title: 'Rodiny', measures: [], sub_goals: [] },
    ];
    // The tree's nodes carry more fields; the function reads only these.
    const targets = changeTargets(goals as never);
    expect(targets.map((t) => `${t.type} ${t.code}`)).toEqual(['goal 1', 'measure 1.1', 'goal 1.A', 'measure 1.A.1', 'goal 2']);
  });

  it('round-trips a select value and refuses anything else', () => {
    expect(parseTargetValue(targetValue({ type: 'measure', id: 'abc' }))).toEqual({ change_target_type: 'measure', change_target_id: 'abc' });
    expect(parseTargetValue('')).toBeNull();
    expect(parseTargetValue('plan:abc')).toBeNull();
  });
});
