import { describe, expect, it } from 'vitest';
import { buildTree, flatten, selfAndBelow, withPaths, type Territory } from './territories';

const territory = (id: string, kind: Territory['kind'], name: string, parent_id: string | null = null): Territory => ({
  id, kind, name, parent_id, code: null, created_at: '', updated_at: '', version: 1,
});

const list = [
  territory('ck', 'orp', 'ORP Český Krumlov', 'jc'),
  territory('turnovsko', 'microregion', 'Turnovsko'),
  territory('jc', 'region', 'Jihočeský kraj'),
  territory('ms', 'region', 'Moravskoslezský kraj'),
  territory('chvalsiny', 'municipality', 'Chvalšiny', 'ck'),
  territory('cb', 'orp', 'ORP České Budějovice', 'jc'),
  territory('orphan', 'municipality', 'Obec bez nadřízeného', 'gone'),
];

describe('buildTree', () => {
  it('nests territories under their parents, regions first, names in Czech order', () => {
    const rows = flatten(buildTree(list)).map(({ territory: t, depth }) => `${depth}:${t.id}`);
    // A territory whose parent is not in the list is shown at the top rather than lost.
    expect(rows).toEqual(['0:jc', '1:cb', '1:ck', '2:chvalsiny', '0:ms', '0:orphan', '0:turnovsko']);
  });
});

describe('withPaths', () => {
  it('labels every territory with the way down to it, in tree order', () => {
    expect(withPaths(list).map((p) => p.path)).toEqual([
      'Jihočeský kraj',
      'Jihočeský kraj › ORP České Budějovice',
      'Jihočeský kraj › ORP Český Krumlov',
      'Jihočeský kraj › ORP Český Krumlov › Chvalšiny',
      'Moravskoslezský kraj',
      'Obec bez nadřízeného',
      'Turnovsko',
    ]);
  });
});

describe('selfAndBelow', () => {
  it('holds the territory and everything below it, nothing else', () => {
    expect([...selfAndBelow(list, 'jc')].sort()).toEqual(['cb', 'chvalsiny', 'ck', 'jc']);
    expect([...selfAndBelow(list, 'ms')]).toEqual(['ms']);
  });
});
