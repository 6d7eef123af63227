//! Which consultation comments led to each change after the consultation: those whose settlement
//! names the goal or measure as changed, and, for settlements that name nothing, the accepted or
//! partly accepted comments on that goal or measure. What is left (changes to the plan as a whole,
//! or naming nothing) is listed with the plan.
import type { Schemas } from '../../lib/api/client';

type Entry = Schemas['RegisterEntry'];

const ACCEPTING: Schemas['Resolution'][] = ['accepted', 'partially_accepted'];

export interface CommentsByChange {
  /** The comments behind the change of the goal or measure with this id. */
  of: (rowId: string) => Entry[];
  /** Settled with a change that names no goal or measure. */
  plan: Entry[];
}

export function commentsByChange(entries: Entry[]): CommentsByChange {
  const byRow = new Map<string, Entry[]>();
  const plan: Entry[] = [];
  const add = (id: string, e: Entry) => byRow.set(id, [...(byRow.get(id) ?? []), e]);
  for (const e of entries) {
    if (e.change_target) add(e.change_target.id, e);
    else if (e.resolution && ACCEPTING.includes(e.resolution) && e.target.type !== 'plan') add(e.target.id, e);
    else if (e.resolution_change) plan.push(e);
  }
  return { of: (rowId) => byRow.get(rowId) ?? [], plan };
}
