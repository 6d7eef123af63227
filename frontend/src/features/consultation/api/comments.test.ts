import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../lib/auth/session';
import type { Schemas } from '../../../lib/api/client';
import { commentTargets, isOwnEditable, moderationAction, type Comment } from './comments';

const comment = (authorId: string | null, resolution: Comment['resolution'] = null) =>
  ({ id: 'c', body: 'text', version: 1, author: { id: authorId, display_name: 'Věra' }, resolution }) as Comment;
const user = { id: 'u1', role: 'member' } as SessionUser;

describe('isOwnEditable', () => {
  it('offers edit and delete on the signed-in person’s own comment', () => {
    expect(isOwnEditable(comment('u1'), user)).toBe(true);
  });

  it('not on someone else’s, an anonymous one, or to a visitor', () => {
    expect(isOwnEditable(comment('u2'), user)).toBe(false);
    expect(isOwnEditable(comment(null), user)).toBe(false);
    expect(isOwnEditable(comment('u1'), null)).toBe(false);
  });

  it('not once the comment is settled', () => {
    expect(isOwnEditable(comment('u1', 'accepted'), user)).toBe(false);
  });

  it('not to staff on other people’s comments (they moderate, not edit)', () => {
    expect(isOwnEditable(comment('u2'), { id: 'u1', role: 'coordinator' } as SessionUser)).toBe(false);
  });
});

describe('moderationAction', () => {
  const everywhere = { whole_installation: true, territory_ids: [] as string[] };
  const coordinator = { id: 'u9', role: 'coordinator', manages: everywhere } as SessionUser;
  const ostrava = { id: 'u8', role: 'coordinator', manages: { whole_installation: false, territory_ids: ['t-ostrava'] } } as SessionUser;
  const withStatus = (status: Comment['status']) => ({ ...comment('u2'), status }) as Comment;

  it('lets staff hide a published comment and restore a hidden one', () => {
    expect(moderationAction(withStatus('published'), coordinator, 't-krumlov')).toBe('hide');
    expect(moderationAction(withStatus('hidden'), { id: 'a', role: 'admin', manages: everywhere } as SessionUser, null)).toBe('restore');
  });

  it('only in the territories a coordinator manages', () => {
    expect(moderationAction(withStatus('published'), ostrava, 't-ostrava')).toBe('hide');
    expect(moderationAction(withStatus('published'), ostrava, 't-krumlov')).toBeNull();
    expect(moderationAction(withStatus('published'), ostrava, null)).toBeNull();
  });

  it('offers nothing to members and visitors', () => {
    expect(moderationAction(withStatus('published'), user, 't-ostrava')).toBeNull();
    expect(moderationAction(withStatus('published'), null, 't-ostrava')).toBeNull();
  });
});

describe('commentTargets', () => {
  const measure = (id: string, code: string) => ({ id, code, title: `Opatření ${code}` });
  const tree = {
    plan: { id: 'p', title: 'Plán Testov' },
    goals: [
      {
        id: 'g1',
        code: '1',
        title: 'Senioři',
        measures: [measure('m11', '1.1')],
        sub_goals: [{ id: 'g11', code: '1.a', title: 'Pečující', measures: [measure('m1a1', '1.a.1')] }],
      },
      { id: 'g2', code: '2', title: 'Rodiny', measures: [], sub_goals: [] },
    ],
  } as unknown as Schemas['PlanTree'];

  it('lists the plan, then each goal with its measures and sub-goals, indented by depth', () => {
    expect(commentTargets(tree).map((x) => [x.type, x.id, x.depth])).toEqual([
      ['plan', 'p', 0],
      ['goal', 'g1', 1],
      ['measure', 'm11', 2],
      ['goal', 'g11', 2],
      ['measure', 'm1a1', 3],
      ['goal', 'g2', 1],
    ]);
  });
});
