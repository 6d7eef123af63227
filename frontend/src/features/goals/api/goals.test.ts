import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../../lib/api/client';
import { findGoalNode } from './goals';

const node = (id: string, sub: string[] = []) =>
  ({ id, code: id, title: id, measures: [], sub_goals: sub.map((s) => ({ id: s, code: s, title: s, measures: [] })) }) as unknown as Schemas['GoalNode'];

describe('findGoalNode', () => {
  const tree = [node('1'), node('2', ['2.1', '2.2'])];

  it('finds a top-level goal, with no parent', () => {
    expect(findGoalNode(tree, '1')).toEqual({ goal: tree[0], parent: null });
  });

  it('finds a sub-goal with the priority above it', () => {
    const found = findGoalNode(tree, '2.2');
    expect(found?.goal.id).toBe('2.2');
    expect(found?.parent?.id).toBe('2');
  });

  it('answers null for a goal not in the plan', () => {
    expect(findGoalNode(tree, '3')).toBeNull();
  });
});
