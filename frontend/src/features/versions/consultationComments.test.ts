import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../lib/api/client';
import { commentsByChange } from './consultationComments';

type Entry = Schemas['RegisterEntry'];
const target = (type: Schemas['TargetType'], id: string) => ({ type, id, code: null, title: id });
const entry = (number: number, on: Entry['target'], extra: Partial<Entry> = {}): Entry => ({
  number,
  comment_id: `c${number}`,
  target: on,
  author: { id: null, display_name: 'Jana' },
  channel: 'web',
  received_on: '2026-11-02',
  body: `Připomínka ${number}`,
  status: 'published',
  resolution: null,
  resolution_note: null,
  resolution_change: null,
  change_target: null,
  resolved_by: null,
  resolved_at: null,
  ...extra,
});

describe('commentsByChange', () => {
  it('puts each comment next to the change it led to', () => {
    const entries = [
      // Names the measure it changed, though it commented on the plan.
      entry(1, target('plan', 'p'), { resolution: 'accepted', change_target: target('measure', 'm1') }),
      // Accepted on a measure, naming nothing: that measure.
      entry(2, target('measure', 'm2'), { resolution: 'partially_accepted' }),
      // Rejected: led to nothing.
      entry(3, target('measure', 'm2'), { resolution: 'rejected' }),
      // A change of the plan as a whole.
      entry(4, target('plan', 'p'), { resolution: 'accepted', resolution_change: 'Doplněna vize.' }),
    ];
    const by = commentsByChange(entries);
    expect(by.of('m1').map((e) => e.number)).toEqual([1]);
    expect(by.of('m2').map((e) => e.number)).toEqual([2]);
    expect(by.of('p')).toEqual([]);
    expect(by.plan.map((e) => e.number)).toEqual([4]);
  });
});
